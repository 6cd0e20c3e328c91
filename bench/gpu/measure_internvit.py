"""Peak memory of InternViT-6B's profile run as vLLM 0.6-0.11 runs it at TP 8 on one rank, in plain PyTorch.

Mirrors `intern_vit.py` when the 25 heads do not divide by TP: `InternSdpaAttention` (whole on the rank: qkv linear,
q/k RMSNorm over the flattened heads, SDPA, projection), `InternMLP` sharded (fc1 1/8 of 12,800 wide, GELU, fc2), layer
scale, RMSNorm; the embeddings (Conv2d patches, class token, learned positions); float32 pixel values on the GPU and
their bf16 cast. Two q/k-norm variants: `direct` (the norm reads the strided q view) and `copy` (it reads a contiguous
copy first, as a kernel that needs contiguous input would). A few layers suffice: a layer frees what the last one held.

Writes $OUT/h200-internvit.json.
"""

import json
import os

import torch
import torch.nn.functional as F
from peak_memory import peak_above_baseline

DEV, DT = "cuda", torch.bfloat16
H, I, HEADS, IMG, PATCH, TP = 3200, 12800, 25, 448, 14, 8
SIDE = IMG // PATCH
LAYERS = 3


def weights():
    g = lambda *s: torch.randn(*s, device=DEV, dtype=DT) * 0.02
    layers = [
        dict(
            n1=torch.ones(H, device=DEV, dtype=DT),
            n2=torch.ones(H, device=DEV, dtype=DT),
            qkv_w=g(3 * H, H),
            qkv_b=g(3 * H),
            qn=torch.ones(H, device=DEV, dtype=DT),
            kn=torch.ones(H, device=DEV, dtype=DT),
            proj_w=g(H, H),
            proj_b=g(H),
            fc1_w=g(I // TP, H),
            fc1_b=g(I // TP),
            fc2_w=g(H, I // TP),
            fc2_b=g(H),
            ls1=torch.ones(H, device=DEV, dtype=DT),
            ls2=torch.ones(H, device=DEV, dtype=DT),
        )
        for _ in range(LAYERS)
    ]
    return dict(conv=g(H, 3, PATCH, PATCH), cls=g(1, 1, H), pos=g(1, SIDE * SIDE + 1, H), layers=layers)


def rms(x, w, copy):
    if copy:
        x = x.contiguous()
    return F.rms_norm(x, (x.shape[-1],), w, 1e-6)


def attention(x, L, copy):
    B, N, C = x.shape
    qkv = F.linear(x, L["qkv_w"], L["qkv_b"])
    q, k, v = qkv.chunk(3, dim=-1)
    q = q.view(B, N, HEADS, C // HEADS)
    k = k.view(B, N, HEADS, C // HEADS)
    v = v.view(B, N, HEADS, C // HEADS)
    q = rms(q.flatten(-2, -1), L["qn"], copy).view(B, N, HEADS, C // HEADS)
    k = rms(k.flatten(-2, -1), L["kn"], copy).view(B, N, HEADS, C // HEADS)
    o = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2))
    o = o.transpose(1, 2).reshape(B, N, -1)
    return F.linear(o, L["proj_w"], L["proj_b"])


def mlp(x, L):
    return F.linear(F.gelu(F.linear(x, L["fc1_w"], L["fc1_b"])), L["fc2_w"], L["fc2_b"])


def tower(pixel_values, w, copy):
    pixels = pixel_values.to(DT)
    x = F.conv2d(pixels, w["conv"], stride=PATCH).flatten(2).transpose(1, 2)
    x = torch.cat([w["cls"].expand(x.shape[0], -1, -1), x], dim=1) + w["pos"]
    for L in w["layers"]:
        x = x + attention(rms(x, L["n1"], False), L, copy) * L["ls1"]
        x = x + mlp(rms(x, L["n2"], False), L) * L["ls2"]
    return x


def measure(tiles, copy, w):
    def work():
        pixel_values = torch.randn(tiles, 3, IMG, IMG, device=DEV, dtype=torch.float32)
        return tower(pixel_values, w, copy)

    _, peak = peak_above_baseline(work)
    patches = tiles * (SIDE * SIDE + 1)
    return {
        "tiles": tiles,
        "patches": patches,
        "qkNormInput": "copy" if copy else "direct",
        "peakBytes": peak,
        "peakBytesPerPatch": peak / patches,
        "peakPerPatchInWidth": peak / patches / H,
    }


def main():
    torch.manual_seed(0)
    w = weights()
    runs = []
    for tiles in (52, 208):
        for copy in (False, True):
            r = measure(tiles, copy, w)
            print(json.dumps(r), flush=True)
            runs.append(r)
    result = {
        "what": "InternViT-6B-448px (width 3200, 25 heads, MLP 12800 sharded 1/8) as one TP-8 rank runs it with whole attention; peak above the weights, random bf16 weights",
        "device": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "sdpaBackendNote": "PyTorch picks the SDPA backend; flash and memory-efficient both keep O(N) memory",
        "runs": runs,
    }
    with open(os.path.join(os.environ.get("OUT", "."), "h200-internvit.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
