"""Peak memory of a Qwen2.5-VL vision tower's profile run, on a real GPU, in plain PyTorch (no vLLM, no download).

Mirrors vLLM 0.8-0.10's `Qwen2_5_VisionTransformer.forward` as its V1 profile run drives it
(`gpu_model_runner.profile_run` -> `_process_image_input`):
- the dummy image's `pixel_values` reach the GPU in float32 (the HF image processor's dtype) and stay there in the
  batched kwargs; `_process_image_input` casts them to the model dtype, and that copy lives through the tower;
- the patch embedding is a Conv3d of kernel = stride = (temporal_patch_size, patch, patch);
- patches are reordered into windows; 28 of 32 blocks attend inside 112 px windows, blocks 7/15/23/31 over the image;
- each block: x + attn(norm1(x)) then x + mlp(norm2(x)), RMSNorm; attention = qkv linear, q/k/v made contiguous in
  [b, s, heads, head_dim], the rotary embedding applied to q and k in float32 and cast back, varlen attention,
  output projection; the MLP is gate_up -> SiLU-and-mul -> down;
- the merger: RMSNorm, merge 2x2 patches, Linear-GELU-Linear into the language model's width, then the windows'
  order undone.

Rotary variants (which one runs depends on the install, see the README):
- `kernel`: an out-of-place fused kernel (vllm_flash_attn / flash_attn's Triton rotary): float32 input copy + float32
  output, emulated here with out= ops that allocate nothing else;
- `torch`: vLLM's `apply_rotary_emb_torch` (x * cos + rotate_half(x) * sin, rotate_half by torch.cat).
Attention: PyTorch SDPA over windows batched [windows, heads, 64, head_dim] and over the whole image for full blocks
(flash backend; output 2 bytes x hidden per patch, like flash_attn_varlen / xformers).

Writes $OUT/h200-vision-tower.json.
"""

import json
import os
import sys
import time

import torch
import torch.nn.functional as F
from peak_memory import peak_above_baseline

DEV = "cuda"
DT = torch.bfloat16
HIDDEN, INTER, HEADS, DEPTH, OUT_HIDDEN = 1280, 3420, 16, 32, 3584
PATCH, TEMPORAL, MERGE, WINDOW_PATCHES = 14, 2, 2, 112 // 14
FULL_BLOCKS = {7, 15, 23, 31}
HEAD_DIM = HIDDEN // HEADS


def rms_norm(x, w):
    return F.rms_norm(x, (x.shape[-1],), w, 1e-6)


def rotary_kernel(t, cos, sin):
    t_ = t.float()
    out = torch.empty_like(t_)
    half = t_.shape[-1] // 2
    x1, x2 = t_[..., :half], t_[..., half:]
    o1, o2 = out[..., :half], out[..., half:]
    torch.mul(x1, cos, out=o1)
    o1.addcmul_(x2, sin, value=-1)
    torch.mul(x2, cos, out=o2)
    o2.addcmul_(x1, sin)
    return out.type_as(t)


def rotary_torch(t, cos, sin):
    t_ = t.float()
    cos2 = torch.cat([cos, cos], dim=-1)
    sin2 = torch.cat([sin, sin], dim=-1)
    x1, x2 = t_.chunk(2, dim=-1)
    rotated = torch.cat((-x2, x1), dim=-1)
    return torch.cat([t_ * cos2 + rotated * sin2, t_[..., t_.shape[-1]:]], dim=-1).type_as(t)


def make_weights():
    g = lambda *s: (torch.randn(*s, device=DEV, dtype=DT) * 0.02)
    blocks = []
    for _ in range(DEPTH):
        blocks.append(
            dict(
                n1=torch.ones(HIDDEN, device=DEV, dtype=DT),
                n2=torch.ones(HIDDEN, device=DEV, dtype=DT),
                qkv_w=g(3 * HIDDEN, HIDDEN),
                qkv_b=g(3 * HIDDEN),
                proj_w=g(HIDDEN, HIDDEN),
                proj_b=g(HIDDEN),
                gu_w=g(2 * INTER, HIDDEN),
                gu_b=g(2 * INTER),
                down_w=g(HIDDEN, INTER),
                down_b=g(HIDDEN),
            )
        )
    merged = HIDDEN * MERGE * MERGE
    return dict(
        conv=g(HIDDEN, 3, TEMPORAL, PATCH, PATCH),
        blocks=blocks,
        ln_q=torch.ones(HIDDEN, device=DEV, dtype=DT),
        m0_w=g(merged, merged),
        m0_b=g(merged),
        m2_w=g(OUT_HIDDEN, merged),
        m2_b=g(OUT_HIDDEN),
    )


def attention(x, b, cos, sin, full, rotary, grid):
    s = x.shape[0]
    qkv = F.linear(x, b["qkv_w"], b["qkv_b"])  # [s, 1, 3h]
    q, k, v = qkv.chunk(3, dim=2)
    q, k, v = (t.view(s, 1, HEADS, HEAD_DIM) for t in (q, k, v))
    q, k, v = (t.transpose(0, 1).contiguous() for t in (q, k, v))  # [1, s, heads, d]
    q = rotary(q, cos, sin)
    k = rotary(k, cos, sin)
    if full:
        o = F.scaled_dot_product_attention(*(t.transpose(1, 2) for t in (q, k, v)))  # [1, heads, s, d]
        context = o.transpose(1, 2)
    else:
        w = WINDOW_PATCHES * WINDOW_PATCHES
        qw, kw, vw = (t.view(s // w, w, HEADS, HEAD_DIM).transpose(1, 2) for t in (q, k, v))
        context = F.scaled_dot_product_attention(qw, kw, vw).transpose(1, 2).reshape(1, s, HEADS, HEAD_DIM)
    context = context.transpose(0, 1).reshape(s, 1, HIDDEN).contiguous()
    return F.linear(context, b["proj_w"], b["proj_b"])


def mlp(x, b):
    gate_up = F.linear(x, b["gu_w"], b["gu_b"])
    act = F.silu(gate_up[..., :INTER]) * gate_up[..., INTER:]
    return F.linear(act, b["down_w"], b["down_b"])


def tower(pixel_values, grid, w, rotary):
    t, hp, wp = grid
    pixels = pixel_values.to(dtype=DT)  # _process_image_input's cast, alive until the tower returns
    s = pixels.shape[0]
    x = F.conv3d(pixels.view(s, 3, TEMPORAL, PATCH, PATCH), w["conv"], stride=(TEMPORAL, PATCH, PATCH)).view(s, HIDDEN)
    # windows: the window order of the merged units (a permutation, as vLLM's get_window_index)
    unit = MERGE * MERGE
    window_index = torch.randperm(s // unit, device=DEV)
    x = x.reshape(s // unit, unit, -1)[window_index].reshape(s, 1, -1)
    inv = 1.0 / (10000 ** (torch.arange(0, HEAD_DIM // 2, 2, device=DEV, dtype=torch.float) / (HEAD_DIM // 2)))
    pos = torch.stack(torch.meshgrid(torch.arange(hp, device=DEV), torch.arange(wp, device=DEV), indexing="ij"), -1)
    pos = pos.reshape(-1, 2)
    freqs = torch.outer(torch.arange(max(hp, wp), device=DEV, dtype=torch.float), inv)
    rot = freqs[pos].flatten(1)  # [s, head_dim / 2]
    rot = rot.reshape(s // unit, unit, -1)[window_index].reshape(s, -1)
    for i, b in enumerate(w["blocks"]):
        cos = rot.cos().view(1, s, 1, -1)
        sin = rot.sin().view(1, s, 1, -1)
        x = x + attention(rms_norm(x, b["n1"]), b, cos, sin, i in FULL_BLOCKS, rotary, grid)
        del cos, sin
        x = x + mlp(rms_norm(x, b["n2"]), b)
    x = rms_norm(x, w["ln_q"]).view(-1, HIDDEN * unit)
    x = F.linear(F.gelu(F.linear(x, w["m0_w"], w["m0_b"])), w["m2_w"], w["m2_b"])
    return x[torch.argsort(window_index)]


def measure(side_patches, rotary_name, w):
    rotary = rotary_kernel if rotary_name == "kernel" else rotary_torch
    s = side_patches * side_patches

    def work():
        pixel_values = torch.randn(s, 3 * TEMPORAL * PATCH * PATCH, device=DEV, dtype=torch.float32)
        return tower(pixel_values, (1, side_patches, side_patches), w, rotary)

    _, peak = peak_above_baseline(work)
    return {
        "rotary": rotary_name,
        "patches": s,
        "tokens": s // (MERGE * MERGE),
        "peakBytes": peak,
        "peakBytesPerPatch": peak / s,
        "peakPerPatchInHidden": peak / s / HIDDEN,
        "maxReservedBytes": torch.cuda.max_memory_reserved(),
    }


def main():
    out_dir = os.environ.get("OUT", ".")
    torch.manual_seed(0)
    w = make_weights()
    weights_bytes = torch.cuda.memory_allocated()
    runs = []
    for side in (128, 256):
        for rotary_name in ("kernel", "torch"):
            t0 = time.time()
            r = measure(side, rotary_name, w)
            r["seconds"] = round(time.time() - t0, 2)
            print(json.dumps(r), flush=True)
            runs.append(r)
    result = {
        "what": "Qwen2.5-VL-7B vision tower (32 blocks, width 1280, MLP 3420 gated, 16 heads) profile-run peak above the weights, random bf16 weights, eager PyTorch",
        "device": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "cudnn": torch.backends.cudnn.version(),
        "python": sys.version.split()[0],
        "towerWeightsBytes": weights_bytes,
        "runs": runs,
    }
    with open(os.path.join(out_dir, "h200-vision-tower.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
