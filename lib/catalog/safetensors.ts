/** Reading safetensors headers: 8 bytes little-endian u64 header length, then a JSON header. */

export const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E4M3: 1,
  F8_E5M2: 1,
  F8_E8M0: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};

export interface TensorInfo {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export type SafetensorsHeader = Record<string, TensorInfo>;

/** Largest header we accept; real ones are well under 10 MB. */
export const MAX_HEADER_BYTES = 100 * 2 ** 20;

export function readHeaderLength(first8: Uint8Array): number {
  if (first8.byteLength < 8)
    throw new Error(
      `the file is ${first8.byteLength} bytes long: a safetensors file starts with an 8-byte header length`,
    );
  const length = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (length === 0n || length > BigInt(MAX_HEADER_BYTES)) {
    throw new Error(
      `the header length is ${length} bytes: expected 1 to ${MAX_HEADER_BYTES}; is this a safetensors file?`,
    );
  }
  return Number(length);
}

export function parseHeader(bytes: Uint8Array): SafetensorsHeader {
  const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof json !== "object" || json === null) throw new Error("the safetensors header is not a JSON object");
  const tensors: SafetensorsHeader = {};
  for (const [name, info] of Object.entries(json as Record<string, unknown>)) {
    if (name === "__metadata__") continue;
    const tensor = info as Partial<TensorInfo>;
    if (typeof tensor.dtype !== "string" || !Array.isArray(tensor.shape)) {
      throw new Error(`tensor ${name} has no dtype/shape in the safetensors header`);
    }
    tensors[name] = tensor as TensorInfo;
  }
  return tensors;
}

export interface DtypeTotals {
  tensors: number;
  elements: number;
  bytes: number;
}

export interface TensorTotals {
  tensorCount: number;
  /** Stored elements of every tensor (packed int4 counts 8 weights per I32 element). */
  elements: number;
  bytes: number;
  byDtype: Record<string, DtypeTotals>;
  /** Model weights the tensors stand for: packed GPTQ/AWQ `qweight` unpacked; scales, zeros and g_idx left out. */
  paramCount: number;
}

const QUANT_METADATA =
  /\.(qzeros|scales|g_idx|weight_scale|input_scale|weight_zero_point|weight_scale_inv|weight_shape|scale)$/;

export function sumTensors(headers: SafetensorsHeader[], weightBits?: number): TensorTotals {
  const totals: TensorTotals = { tensorCount: 0, elements: 0, bytes: 0, byDtype: {}, paramCount: 0 };
  for (const header of headers) {
    for (const [name, tensor] of Object.entries(header)) {
      const elements = tensor.shape.reduce((product, size) => product * size, 1);
      const width = SAFETENSORS_DTYPE_BYTES[tensor.dtype];
      if (width === undefined)
        throw new Error(`tensor ${name} has dtype ${tensor.dtype}, which fleetdeck cannot size yet`);
      const bytes = elements * width;
      const slot = (totals.byDtype[tensor.dtype] ??= { tensors: 0, elements: 0, bytes: 0 });
      slot.tensors += 1;
      slot.elements += elements;
      slot.bytes += bytes;
      totals.tensorCount += 1;
      totals.elements += elements;
      totals.bytes += bytes;
      if (name.endsWith(".qweight") && weightBits) totals.paramCount += (elements * width * 8) / weightBits;
      else if (!QUANT_METADATA.test(name)) totals.paramCount += elements;
    }
  }
  return totals;
}
