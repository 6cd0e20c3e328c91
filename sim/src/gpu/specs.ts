/**
 * What the simulator knows about a GPU beyond the catalog's memory and bandwidth: dense 16-bit
 * tensor throughput with fp32 accumulation (the rate PyTorch's bf16/fp16 GEMMs get; the GeForce
 * fp16-accumulate figures in marketing are twice these), power, clocks and temperatures for the exporter and
 * nvidia-smi faces, the PCI device id and the memory the driver reserves. Figures are vendor
 * datasheets; idle power, idle clocks, reserved MiB and the idle temperature of the H100 and H200
 * come from shared/calibration/h100-nvidia-smi-q.xml and h200-nvidia-smi-q-{idle,busy}.xml.
 */
export interface SimGpuTraits {
  architecture: string;
  /** Dense bf16/fp16 tensor FLOP/s with fp32 accumulation. */
  tensorFlops: number;
  powerLimitW: number;
  idlePowerW: number;
  maxSmClockMHz: number;
  idleSmClockMHz: number;
  memClockMHz: number;
  idleTempC: number;
  pciDeviceId: string;
  reservedMiB: number;
  bar1MiB: number;
  /** CUDA context plus torch/NCCL start-up memory of one engine process on this card. */
  contextBytes: number;
}

const MIB = 2 ** 20;
const T = 1e12;

const ada = {
  architecture: "Ada Lovelace",
  idleSmClockMHz: 210,
  idleTempC: 34,
  reservedMiB: 400,
  bar1MiB: 32768,
  contextBytes: 500 * MIB,
};
const ampere = {
  architecture: "Ampere",
  idleSmClockMHz: 210,
  idleTempC: 33,
  reservedMiB: 450,
  bar1MiB: 65536,
  contextBytes: 550 * MIB,
};
// 648,871,936 B: CUDA context + non-torch memory measured on the H100 (calibration/h100-qwen2.5-7b-bf16.json).
const hopper = {
  architecture: "Hopper",
  idleSmClockMHz: 345,
  idleTempC: 40,
  bar1MiB: 131072,
  contextBytes: 648_871_936,
};

const TRAITS: Record<string, SimGpuTraits> = {
  // h200: idle 78.61 W, 405 MHz SM, 38 C, 615 MiB reserved; busy 695 W at 1,515 MHz, 59 C.
  h200: {
    ...hopper,
    tensorFlops: 989 * T,
    powerLimitW: 700,
    idlePowerW: 79,
    maxSmClockMHz: 1980,
    idleSmClockMHz: 405,
    memClockMHz: 3201,
    idleTempC: 38,
    pciDeviceId: "233510DE",
    reservedMiB: 615,
    bar1MiB: 262144,
  },
  // h100-sxm: idle 72.46 W, 345 MHz SM, 44 C, 480 MiB reserved, memory clock 2,619 MHz.
  "h100-sxm": {
    ...hopper,
    tensorFlops: 989 * T,
    powerLimitW: 700,
    idlePowerW: 72,
    maxSmClockMHz: 1980,
    memClockMHz: 2619,
    idleTempC: 44,
    pciDeviceId: "233010DE",
    reservedMiB: 480,
  },
  "h100-pcie": {
    ...hopper,
    tensorFlops: 756 * T,
    powerLimitW: 350,
    idlePowerW: 48,
    maxSmClockMHz: 1755,
    memClockMHz: 1593,
    pciDeviceId: "233110DE",
    reservedMiB: 480,
  },
  "a100-sxm-80gb": {
    ...ampere,
    tensorFlops: 312 * T,
    powerLimitW: 400,
    idlePowerW: 60,
    maxSmClockMHz: 1410,
    memClockMHz: 1593,
    pciDeviceId: "20B210DE",
    bar1MiB: 131072,
  },
  "a100-pcie-80gb": {
    ...ampere,
    tensorFlops: 312 * T,
    powerLimitW: 300,
    idlePowerW: 45,
    maxSmClockMHz: 1410,
    memClockMHz: 1512,
    pciDeviceId: "20B510DE",
    bar1MiB: 131072,
  },
  "a100-sxm-40gb": {
    ...ampere,
    tensorFlops: 312 * T,
    powerLimitW: 400,
    idlePowerW: 55,
    maxSmClockMHz: 1410,
    memClockMHz: 1215,
    pciDeviceId: "20B010DE",
  },
  "a100-pcie-40gb": {
    ...ampere,
    tensorFlops: 312 * T,
    powerLimitW: 250,
    idlePowerW: 38,
    maxSmClockMHz: 1410,
    memClockMHz: 1215,
    pciDeviceId: "20F110DE",
  },
  l40s: {
    ...ada,
    tensorFlops: 362 * T,
    powerLimitW: 350,
    idlePowerW: 35,
    maxSmClockMHz: 2520,
    memClockMHz: 9001,
    pciDeviceId: "26B910DE",
    bar1MiB: 65536,
  },
  l4: {
    ...ada,
    tensorFlops: 121 * T,
    powerLimitW: 72,
    idlePowerW: 16,
    maxSmClockMHz: 2040,
    memClockMHz: 6251,
    pciDeviceId: "27B810DE",
  },
  a10g: {
    ...ampere,
    tensorFlops: 70 * T,
    powerLimitW: 300,
    idlePowerW: 25,
    maxSmClockMHz: 1710,
    memClockMHz: 6251,
    pciDeviceId: "223710DE",
  },
  a10: {
    ...ampere,
    tensorFlops: 125 * T,
    powerLimitW: 150,
    idlePowerW: 20,
    maxSmClockMHz: 1695,
    memClockMHz: 6251,
    pciDeviceId: "223610DE",
  },
  t4: {
    architecture: "Turing",
    tensorFlops: 65 * T,
    powerLimitW: 70,
    idlePowerW: 10,
    maxSmClockMHz: 1590,
    idleSmClockMHz: 300,
    memClockMHz: 5001,
    idleTempC: 32,
    pciDeviceId: "1EB810DE",
    reservedMiB: 250,
    bar1MiB: 256,
    contextBytes: 400 * MIB,
  },
  "v100-sxm2-16gb": {
    architecture: "Volta",
    tensorFlops: 125 * T,
    powerLimitW: 300,
    idlePowerW: 40,
    maxSmClockMHz: 1530,
    idleSmClockMHz: 135,
    memClockMHz: 877,
    idleTempC: 33,
    pciDeviceId: "1DB110DE",
    reservedMiB: 300,
    bar1MiB: 16384,
    contextBytes: 420 * MIB,
  },
  "v100-sxm2-32gb": {
    architecture: "Volta",
    tensorFlops: 125 * T,
    powerLimitW: 300,
    idlePowerW: 40,
    maxSmClockMHz: 1530,
    idleSmClockMHz: 135,
    memClockMHz: 877,
    idleTempC: 33,
    pciDeviceId: "1DB510DE",
    reservedMiB: 300,
    bar1MiB: 32768,
    contextBytes: 420 * MIB,
  },
  "v100-pcie-32gb": {
    architecture: "Volta",
    tensorFlops: 112 * T,
    powerLimitW: 250,
    idlePowerW: 35,
    maxSmClockMHz: 1380,
    idleSmClockMHz: 135,
    memClockMHz: 877,
    idleTempC: 33,
    pciDeviceId: "1DB610DE",
    reservedMiB: 300,
    bar1MiB: 32768,
    contextBytes: 420 * MIB,
  },
  "rtx-4090": {
    ...ada,
    tensorFlops: 165.2 * T,
    powerLimitW: 450,
    idlePowerW: 20,
    maxSmClockMHz: 2520,
    memClockMHz: 10501,
    pciDeviceId: "268410DE",
  },
  // The 4090 D has 114 of the 4090's 128 SMs: 165.2 × 114/128.
  "rtx-4090d": {
    ...ada,
    tensorFlops: 147 * T,
    powerLimitW: 425,
    idlePowerW: 20,
    maxSmClockMHz: 2520,
    memClockMHz: 10501,
    pciDeviceId: "268510DE",
  },
  "rtx-4080": {
    ...ada,
    tensorFlops: 97.5 * T,
    powerLimitW: 320,
    idlePowerW: 15,
    maxSmClockMHz: 2505,
    memClockMHz: 11201,
    pciDeviceId: "270410DE",
  },
  "rtx-3090": {
    ...ampere,
    tensorFlops: 71 * T,
    powerLimitW: 350,
    idlePowerW: 25,
    maxSmClockMHz: 1695,
    memClockMHz: 9751,
    pciDeviceId: "220410DE",
    bar1MiB: 256,
  },
  "rtx-4060": {
    ...ada,
    tensorFlops: 31 * T,
    powerLimitW: 115,
    idlePowerW: 8,
    maxSmClockMHz: 2460,
    memClockMHz: 8501,
    pciDeviceId: "288210DE",
    bar1MiB: 8192,
  },
};

/** A GPU the simulator has no traits for still runs, as a mid-range Ampere card. */
const FALLBACK: SimGpuTraits = {
  ...ampere,
  tensorFlops: 100 * T,
  powerLimitW: 300,
  idlePowerW: 30,
  maxSmClockMHz: 1700,
  memClockMHz: 6000,
  pciDeviceId: "20B510DE",
};

export const gpuTraits = (catalogId: string): SimGpuTraits => TRAITS[catalogId] ?? FALLBACK;
