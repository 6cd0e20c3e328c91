"""TGI's warm-up, emulated: the caching allocator's reserve after one prefill of max_batch_prefill_tokens with prefill
logprobs, against its allocated peak. TGI sizes the KV cache from torch.cuda.mem_get_info() right after this pass
without emptying the cache (flash_causal_lm.py warmup), so what it books is the reserve, not the peak.
Per config, a fresh process: random bf16 weights of N decoder layers (TGI's FlashLlama order: fused qkv, rotary,
varlen attention per request, o_proj, fused gate_up, act(gate) * up as two tensors, down), the final norm, lm_head over
every token (one shard's slice plus the all-gathered logits when sharded), log_softmax and a gather.
Writes $OUT/h200-tgi-warmup-v2.json (v1, without the empty_cache() after loading, is h200-tgi-warmup.json). Usage: python3 bench/gpu/measure_tgi_warmup.py"""
import json, os, subprocess, sys

OUT = os.environ.get("OUT", "/tmp")
CONFIGS = [
    # name, hidden, intermediate, heads, kv heads, vocab, shards, prefill tokens, max input (request size)
    dict(name="mistral-7b tp1 32768", H=4096, I=14336, NH=32, NKV=8, V=32000, tp=1, tokens=32768, req=8000),
    dict(name="llama-3.1-70b tp2 10049", H=8192, I=28672, NH=64, NKV=8, V=128256, tp=2, tokens=10049, req=9999),
    dict(name="llama-2-70b tp4 4096", H=8192, I=28672, NH=64, NKV=8, V=32000, tp=4, tokens=4096, req=4096),
    dict(name="gemma-2b tp1 4096", H=2048, I=16384, NH=8, NKV=1, V=256128, tp=1, tokens=4096, req=4095, HD=256),
    dict(name="llama-3-8b tp1 4145", H=4096, I=14336, NH=32, NKV=8, V=128256, tp=1, tokens=4145, req=4095),
    dict(name="llama-2-7b tp1 4096", H=4096, I=11008, NH=32, NKV=32, V=32000, tp=1, tokens=4096, req=1024),
    dict(name="qwen2.5-7b tp1 8192", H=3584, I=18944, NH=28, NKV=4, V=152064, tp=1, tokens=8192, req=4095),
    dict(name="mistral-7b tp1 8192", H=4096, I=14336, NH=32, NKV=8, V=32768, tp=1, tokens=8192, req=4095),
    dict(name="llama-3.1-8b tp1 16384", H=4096, I=14336, NH=32, NKV=8, V=128256, tp=1, tokens=16384, req=8191),
    dict(name="llama-2-70b tp8 4096", H=8192, I=28672, NH=64, NKV=8, V=32000, tp=8, tokens=4096, req=1024),
]
LAYERS = 4


def run(cfg):
    import torch
    import torch.nn.functional as F
    dev, bf = "cuda", torch.bfloat16
    torch.zeros(1, device=dev)
    H, tp = cfg["H"], cfg["tp"]
    HD = cfg.get("HD", H // cfg["NH"])
    nh, nkv, I = cfg["NH"] // tp, max(1, cfg["NKV"] // tp), cfg["I"] // tp
    V = cfg["V"]
    r = lambda *s: torch.randn(*s, device=dev, dtype=bf) * 0.02  # noqa: E731
    layers = [dict(ln1=r(H) + 1, qkv=r((nh + 2 * nkv) * HD, H), o=r(H, nh * HD), ln2=r(H) + 1, gu=r(2 * I, H), d=r(H, I))
              for _ in range(LAYERS)]
    embed, lm = r(V // tp, H), r(V // tp, H)
    torch.cuda.synchronize()
    torch.cuda.empty_cache()  # TGI's warmup() starts with empty_cache(): no free blocks left over from loading
    base_alloc, base_res = torch.cuda.memory_allocated(), torch.cuda.memory_reserved()
    torch.cuda.reset_peak_memory_stats()
    N, req = cfg["tokens"], cfg["req"]
    bounds, start = [], 0
    while start < N:
        bounds.append((start, min(N, start + req)))
        start += req

    def rms(x, w):
        return x * torch.rsqrt(x.float().pow(2).mean(-1, keepdim=True) + 1e-6).to(bf) * w

    with torch.inference_mode():
        ids = torch.randint(0, V // tp, (N,), device=dev)
        h = F.embedding(ids, embed)
        residual = None
        for w in layers:
            if residual is None:
                residual, x = h, rms(h, w["ln1"])
            else:
                residual = residual + h
                x = rms(residual, w["ln1"])
            qkv = F.linear(x, w["qkv"])
            q, k, v = qkv.split([nh * HD, nkv * HD, nkv * HD], dim=1)
            q, k, v = q.view(N, nh, HD), k.view(N, nkv, HD), v.view(N, nkv, HD)
            attn = torch.empty(N, nh, HD, device=dev, dtype=bf)
            for a, b in bounds:
                qq = q[a:b].transpose(0, 1).unsqueeze(0)
                kk = k[a:b].transpose(0, 1).unsqueeze(0).repeat_interleave(nh // nkv, dim=1)
                vv = v[a:b].transpose(0, 1).unsqueeze(0).repeat_interleave(nh // nkv, dim=1)
                attn[a:b] = F.scaled_dot_product_attention(qq, kk, vv, is_causal=True).squeeze(0).transpose(0, 1)
            del qkv, q, k, v
            h = F.linear(attn.view(N, nh * HD), w["o"])
            del attn
            residual = residual + h
            x = rms(residual, w["ln2"])
            gu = F.linear(x, w["gu"]).view(N, 2, I)
            act = F.silu(gu[:, 0]) * gu[:, 1]
            del gu
            h = F.linear(act, w["d"])
            del act
        torch.cuda.synchronize()
        layer_peak = torch.cuda.max_memory_allocated() - base_alloc
        layer_reserved = torch.cuda.memory_reserved() - base_res
        torch.cuda.reset_peak_memory_stats()
        head_base = torch.cuda.memory_allocated()
        x = rms(residual + h, layers[0]["ln1"])
        if tp == 1:
            logits = F.linear(x, lm)
        else:
            world = x.new_empty(V, N)
            gather = x.new_empty(V // tp, N)
            torch.mm(x, lm.T, out=gather.T)
            world[: V // tp].copy_(gather)  # all_gather_into_tensor stand-in: every shard's slice lands in `world`
            logits = world.T
        logprobs = torch.log_softmax(logits, -1)
        picked = logprobs.gather(1, torch.randint(0, V, (N, 1), device=dev))
        torch.cuda.synchronize()
    head_peak = torch.cuda.max_memory_allocated() - head_base
    peak_alloc = max(layer_peak, torch.cuda.max_memory_allocated() - base_alloc)
    res_end = torch.cuda.memory_reserved() - base_res
    peak_res = torch.cuda.max_memory_reserved() - base_res
    return dict(cfg, layers=LAYERS, peakAllocatedBytes=peak_alloc, reservedAfterBytes=res_end, peakReservedBytes=peak_res,
                reserveOverPeak=res_end / peak_alloc, logitsBytes=N * V * 2,
                layerPhasePeakBytes=layer_peak, layerPhaseReservedBytes=layer_reserved, headPhasePeakBytes=head_peak,
                gateUpBytes=N * 2 * I * 2)


def main():
    if len(sys.argv) > 1:
        print(json.dumps(run(json.loads(sys.argv[1]))))
        return
    rows = []
    for cfg in CONFIGS:
        p = subprocess.run([sys.executable, __file__, json.dumps(cfg)], capture_output=True, text=True, timeout=300)
        try:
            rows.append(json.loads(p.stdout.strip().splitlines()[-1]))
        except Exception:  # noqa: BLE001
            rows.append(dict(cfg, error=(p.stderr or p.stdout)[-1500:]))
        print(json.dumps(rows[-1]), flush=True)
    with open(os.path.join(OUT, "h200-tgi-warmup-v2.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
