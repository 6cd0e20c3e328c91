"""CUDA-graph memory of a vLLM-style decode step, one fresh CUDA process per configuration (the driver
caches graph memory across configs in one process, which made in-process deltas order-dependent).
Random bf16 weights built directly (no transformers), vLLM's op allocation pattern (merged qkv / gate_up,
in-place fused_add_rms_norm and rotary, silu_and_mul into one (B, I) tensor, attention output allocated by
the layer), GQA decode attention over a static KV cache of 512 x 16 = 8,192 tokens per layer.
Each config: one eager pass at the largest size (the profile run already did one), then measure
mem_get_info / memory_reserved / private-pool segments around vLLM's capture loop (largest size first,
one eager warm-up per size, all graphs in one pool). Writes $OUT/h100-cudagraphs.json.
Usage: python3 bench/gpu/measure_cudagraphs.py            (driver: runs every config in a subprocess)
       python3 bench/gpu/measure_cudagraphs.py '<json>'   (one config)"""
import json, os, subprocess, sys, time
from contextlib import contextmanager

OUT = os.environ.get("OUT", "/tmp")
SIZES = {"v0.8-0.10": [1, 2, 4] + list(range(8, 513, 8)),
         "v0.11+": [1, 2, 4] + list(range(8, 256, 8)) + list(range(256, 513, 16))}
ARCH = {"qwen2.5-7b": dict(H=3584, I=18944, NH=28, NKV=4, V=152064),
        "llama-3-8b": dict(H=4096, I=14336, NH=32, NKV=8, V=128256)}
HD, CTX = 128, 16


def one(cfg):
    import torch
    import torch.nn.functional as F
    a = ARCH[cfg["arch"]]
    H, I, NH, NKV, V = a["H"], a["I"], a["NH"], a["NKV"], a["V"]
    L, mode, sizes = cfg["layers"], cfg["mode"], SIZES[cfg["sizes"]]
    dev, bf = "cuda", torch.bfloat16
    torch.zeros(1, device=dev)
    r = lambda *s: torch.randn(*s, device=dev, dtype=bf) * 0.02  # noqa: E731
    lw = [dict(wqkv=r((NH + 2 * NKV) * HD, H), bqkv=r((NH + 2 * NKV) * HD), wo=r(H, NH * HD), wgu=r(2 * I, H), wd=r(H, I),
               ln1=r(H) + 1, ln2=r(H) + 1) for _ in range(L)]
    embed, fnorm = r(V, H), r(H) + 1
    bmax = max(sizes)
    ids = torch.randint(0, V, (bmax,), device=dev)
    kv = [(r(bmax, NKV, CTX, HD), r(bmax, NKV, CTX, HD)) for _ in range(L)]
    Q, K = NH * HD, NKV * HD

    def attn(i, qkv, out):
        b = qkv.shape[0]
        kc, vc = kv[i]
        kc[:b, :, CTX - 1].copy_(qkv[:, Q:Q + K].view(b, NKV, HD))
        vc[:b, :, CTX - 1].copy_(qkv[:, Q + K:].view(b, NKV, HD))
        o = F.scaled_dot_product_attention(qkv[:, :Q].view(b, NKV, NH // NKV, HD), kc[:b], vc[:b])
        out.copy_(o.reshape(b, Q))

    def pre(b, h, residual, w):  # (fused_add_)rms_norm + qkv + rotary + attention output buffer
        if residual is None:
            residual, x = h, torch.empty_like(h)
            torch.mul(h, w["ln1"], out=x)
        else:
            residual.add_(h)
            torch.mul(residual, w["ln1"], out=h)
            x = h
        qkv = F.linear(x, w["wqkv"], w["bqkv"])
        qkv[:, :Q + K].mul_(1.0)
        return qkv, torch.empty(b, Q, device=dev, dtype=bf), residual

    def post(attn_out, residual, w):  # o_proj + fused_add_rms_norm + gate_up + silu_and_mul + down
        o = F.linear(attn_out, w["wo"])
        residual.add_(o)
        torch.mul(residual, w["ln2"], out=o)
        gu = F.linear(o, w["wgu"])
        del o
        act = torch.empty(gu.shape[0], I, device=dev, dtype=bf)
        F.silu(gu[:, :I], inplace=True)
        torch.mul(gu[:, :I], gu[:, I:], out=act)
        del gu
        return F.linear(act, w["wd"])

    def forward(b):
        h, residual = F.embedding(ids[:b], embed), None
        for i, w in enumerate(lw):
            qkv, ao, residual = pre(b, h, residual, w)
            attn(i, qkv, ao)
            del qkv
            h = post(ao, residual, w)
            del ao
        residual.add_(h)
        torch.mul(residual, fnorm, out=h)
        return h

    stream = torch.cuda.Stream()

    @contextmanager
    def capture(g, pool):
        stream.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(stream):
            g.capture_begin(pool=pool)
            try:
                yield
            finally:
                g.capture_end()
        torch.cuda.current_stream().wait_stream(stream)

    def pool_bytes():
        return sum(s["total_size"] for s in torch.cuda.memory_snapshot() if tuple(s.get("segment_pool_id", (0, 0))) != (0, 0))

    with torch.inference_mode():
        forward(bmax)  # profile-run stand-in: eager kernels and handles exist before capture
        torch.cuda.synchronize()
        import gc; gc.collect(); torch.cuda.empty_cache(); torch.cuda.synchronize()
        free0, res0, pool0 = torch.cuda.mem_get_info()[0], torch.cuda.memory_reserved(), pool_bytes()
        pool, graphs, t = torch.cuda.graph_pool_handle(), [], time.time()
        modes = ["piecewise", "full"] if mode == "full_and_piecewise" else [mode]
        for m in modes:
            for b in sorted(sizes, reverse=True):
                forward(b)  # one eager warm-up per size
                if m == "full":
                    g = torch.cuda.CUDAGraph()
                    with capture(g, pool):
                        out = forward(b)
                    graphs.append(g)
                    del out
                    continue
                g = torch.cuda.CUDAGraph()
                with capture(g, pool):
                    h = F.embedding(ids[:b], embed)
                    qkv, ao, residual = pre(b, h, None, lw[0])
                graphs.append(g)
                for i, w in enumerate(lw):
                    attn(i, qkv, ao)  # eager, between pieces
                    del qkv
                    g = torch.cuda.CUDAGraph()
                    with capture(g, pool):
                        d = post(ao, residual, w)
                        del ao
                        if i + 1 < L:
                            qkv, ao, residual = pre(b, d, residual, lw[i + 1])
                            del d
                        else:
                            residual.add_(d)
                            torch.mul(residual, fnorm, out=d)
                    graphs.append(g)
                del d, residual, h
        torch.cuda.synchronize()
        secs = time.time() - t
        free1, res1, pool1 = torch.cuda.mem_get_info()[0], torch.cuda.memory_reserved(), pool_bytes()
        graphs[-1].replay(); torch.cuda.synchronize()
    total = free0 - free1
    return dict(cfg, capture_sizes=len(sizes), graphs=len(graphs), device_free_delta_bytes=total,
                torch_reserved_delta_bytes=res1 - res0, graph_pool_bytes=pool1 - pool0,
                regular_pool_growth_bytes=(res1 - res0) - (pool1 - pool0), non_torch_bytes=total - (res1 - res0),
                capture_seconds=round(secs, 2), torch=torch.__version__, device=torch.cuda.get_device_name(0))


PLAN = ([{"arch": "qwen2.5-7b", "mode": "full", "layers": 1, "sizes": "v0.8-0.10", "note": "fixed-cost probe"}]
        + [{"arch": "qwen2.5-7b", "mode": "piecewise", "layers": n, "sizes": "v0.8-0.10"} for n in (1, 2, 4, 8, 16, 28)]
        + [{"arch": "qwen2.5-7b", "mode": "full", "layers": n, "sizes": "v0.8-0.10"} for n in (2, 8, 28)]
        + [{"arch": "qwen2.5-7b", "mode": "piecewise", "layers": 28, "sizes": "v0.11+"},
           {"arch": "qwen2.5-7b", "mode": "full_and_piecewise", "layers": 28, "sizes": "v0.11+"},
           {"arch": "llama-3-8b", "mode": "piecewise", "layers": 32, "sizes": "v0.8-0.10"},
           {"arch": "llama-3-8b", "mode": "full_and_piecewise", "layers": 32, "sizes": "v0.11+"},
           {"arch": "qwen2.5-7b", "mode": "piecewise", "layers": 28, "sizes": "v0.8-0.10", "note": "repeat"}])
PLAN[0]["layers"] = 1
PLAN[0]["sizes_override"] = [8]

if __name__ == "__main__":
    if len(sys.argv) > 1:
        cfg = json.loads(sys.argv[1])
        if "sizes_override" in cfg:
            SIZES["override"] = cfg["sizes_override"]; cfg["sizes"] = "override"
        print("RESULT " + json.dumps(one(cfg)), flush=True)
        sys.exit(0)
    res, t0 = [], time.time()
    for cfg in PLAN:
        if time.time() - t0 > 400:
            res.append(dict(cfg, skipped="time budget")); continue
        p = subprocess.run([sys.executable, __file__, json.dumps(cfg)], capture_output=True, text=True, timeout=300)
        line = [l for l in p.stdout.splitlines() if l.startswith("RESULT ")]
        rec = json.loads(line[0][7:]) if line else dict(cfg, error=(p.stdout + p.stderr)[-2000:])
        res.append(rec)
        if line:
            print(f"{rec['arch']:11s} {rec['mode']:18s} L={rec['layers']:2d} {rec['sizes']:9s} graphs={rec['graphs']:5d} total={rec['device_free_delta_bytes']/2**20:7.1f} MiB pool={rec['graph_pool_bytes']/2**20:6.1f} regular={rec['regular_pool_growth_bytes']/2**20:6.1f} non-torch={rec['non_torch_bytes']/2**20:6.1f} ({rec['capture_seconds']} s)", flush=True)
        else:
            print("ERROR", cfg, rec["error"][-800:], flush=True)
        json.dump({"script": "bench/gpu/measure_cudagraphs.py", "results": res, "elapsed_s": time.time() - t0}, open(f"{OUT}/h100-cudagraphs.json", "w"), indent=1)
