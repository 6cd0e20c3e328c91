"""Measure, on one GPU, the torch memory that fleetdeck's vLLM budget model (lib/budget/activation.ts,
lib/budget/overheads.ts) predicts: the V1 dummy sampler run, the forward activation of a Qwen2.5-7B
architecture (random bf16 weights, no downloads), a vLLM-style profile run, and CUDA-graph pools of a
decode step. Writes $OUT/h100-activation.json (rewritten after every section, so a crash keeps what ran).

Mirrors vLLM 0.8-0.11 code read from vllm-project/vllm:
  vllm/v1/worker/gpu_model_runner.py  _dummy_sampler_run: temperature 0.5, top_p 0.9, top_k vocab-1,
      all_greedy=False, all_random=False, max_num_logprobs=None, no penalties.
  vllm/v1/sample/sampler.py  forward: logits.to(float32) -> sample(): greedy argmax, logits.div_(temp),
      TopKTopPSampler.forward_native -> apply_top_k_top_p (sort, gather, masked_fill, softmax, cumsum(out=),
      masked_fill, scatter_) -> softmax(float32) -> q=empty_like(probs).exponential_(); probs.div_(q).argmax
      -> torch.where(temp<eps, greedy, random, out=greedy).
  vllm/config: cudagraph capture sizes 0.8-0.10 = [1,2,4]+range(8,513,8) (67);
      0.11+ = [1,2,4]+range(8,256,8)+range(256,513,16) (51).
"""
import gc, json, os, subprocess, sys, time, traceback
from contextlib import contextmanager
import torch
import torch.nn.functional as F

OUT = os.environ.get("OUT", "/tmp")
DEV = "cuda"
BF16 = torch.bfloat16
RES = {"script": "bench/gpu/measure_activation.py", "started_unix": time.time()}
T0 = time.time()


def save():
    RES["elapsed_s"] = time.time() - T0
    with open(f"{OUT}/h100-activation.json", "w") as f:
        json.dump(RES, f, indent=1)


def smi(q="name,memory.total,memory.used"):
    try:
        return subprocess.run(["nvidia-smi", f"--query-gpu={q}", "--format=csv"], capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # noqa: BLE001
        return f"error: {e}"


def sync():
    torch.cuda.synchronize()


def clean():
    gc.collect()
    sync()
    torch.cuda.empty_cache()
    sync()


def section(name, fn):
    t = time.time()
    try:
        fn()
    except Exception:  # noqa: BLE001
        RES.setdefault("errors", {})[name] = traceback.format_exc()[-3000:]
        print(f"[{name}] FAILED\n{traceback.format_exc()}", flush=True)
    RES.setdefault("section_seconds", {})[name] = round(time.time() - t, 2)
    clean()
    save()
    print(f"[{name}] done in {time.time() - t:.1f}s", flush=True)


# ---------------------------------------------------------------- 4. environment
def env():
    torch.cuda.init()
    torch.zeros(1, device=DEV)
    sync()
    free, total = torch.cuda.mem_get_info()
    import transformers
    RES["env"] = {
        "device_name": torch.cuda.get_device_name(0),
        "mem_get_info_total_bytes": total,
        "mem_get_info_free_bytes_after_context": free,
        "cuda_context_bytes": total - free - torch.cuda.memory_reserved(),
        "torch": torch.__version__,
        "torch_cuda": torch.version.cuda,
        "transformers": transformers.__version__,
        "python": sys.version.split()[0],
        "driver": smi("driver_version").splitlines()[-1].strip(),
        "nvidia_smi_before": smi(),
        "capability": list(torch.cuda.get_device_capability(0)),
    }


# ---------------------------------------------------------------- 1. sampler
EPS = 1e-5


def apply_top_k_top_p(logits, k, p):
    # vllm/v1/sample/ops/topk_topp_sampler.py (0.8-0.11, pytorch path)
    logits_sort, logits_idx = logits.sort(dim=-1, descending=False)
    if k is not None:
        top_k_mask = logits_sort.size(1) - k.to(torch.long)
        top_k_mask = logits_sort.gather(1, top_k_mask.unsqueeze(dim=1))
        top_k_mask = logits_sort < top_k_mask
        logits_sort.masked_fill_(top_k_mask, -float("inf"))
    if p is not None:
        probs_sort = logits_sort.softmax(dim=-1)
        probs_sum = torch.cumsum(probs_sort, dim=-1, out=probs_sort)
        top_p_mask = probs_sum <= 1 - p.unsqueeze(dim=1)
        top_p_mask[:, -1] = False
        logits_sort.masked_fill_(top_p_mask, -float("inf"))
    return logits.scatter_(dim=-1, index=logits_idx, src=logits_sort)


def v1_sampler(logits, variant):
    n, vocab = logits.shape
    full = lambda v: torch.full((n,), v, device=DEV)  # noqa: E731  dummy_tensors
    temperature, top_p, top_k = full(0.5), full(0.9), full(vocab - 1)
    raw_logprobs = None
    if variant == "native_logprobs20":
        raw_logprobs = logits.log_softmax(dim=-1, dtype=torch.float32)  # compute_logprobs before processing
    logits = logits.to(torch.float32)
    greedy = logits.argmax(dim=-1).view(-1)  # not all_random -> greedy_sample first
    logits = logits.div_(temperature.unsqueeze(dim=1))  # apply_temperature (in place)
    if variant == "flashinfer_emulated":
        # flashinfer top_k_top_p_sampling_from_logits (top_k_first): top_k_mask_logits -> new fp32 tensor,
        # softmax -> probs, then a rejection-sampling kernel with no vocab-sized scratch. Emulated, not run.
        masked = logits.clone()
        probs = torch.softmax(masked, dim=-1)
        del masked
        random = probs.argmax(dim=-1).view(-1)
        del probs
    else:
        logits = apply_top_k_top_p(logits, top_k, top_p)
        probs = logits.softmax(dim=-1, dtype=torch.float32)
        q = torch.empty_like(probs)
        q.exponential_()
        random = probs.div_(q).argmax(dim=-1).view(-1)
        del q, probs
    sampled = torch.where(temperature < EPS, greedy, random, out=greedy)
    if raw_logprobs is not None:
        topk_lp, topk_idx = torch.topk(raw_logprobs, 20, dim=-1)
        token_lp = raw_logprobs.gather(-1, sampled.long().unsqueeze(-1))
        del topk_lp, topk_idx, token_lp
    return sampled


def sampler():
    out = []
    shapes = [(128256, 4096, "Llama-3 vocab"), (152064, 3584, "Qwen2.5 vocab")]
    # cuBLAS workspace etc. created once before any measurement
    w = torch.randn(1024, 1024, device=DEV, dtype=BF16)
    (w @ w).sum().item()
    del w
    for vocab, hidden, label in shapes:
        lm_head = torch.randn(vocab, hidden, device=DEV, dtype=BF16) * 0.02
        for rows in (256, 1024):
            for variant in ("native", "native_logprobs20", "flashinfer_emulated"):
                runs = []
                for rep in range(2):
                    clean()
                    hs = torch.rand(rows, hidden, device=DEV, dtype=BF16)  # _dummy_sampler_run: rand_like(hidden)
                    sync()
                    torch.cuda.reset_peak_memory_stats()
                    base = torch.cuda.memory_allocated()
                    logits = F.linear(hs, lm_head)  # compute_logits -> bf16 (rows, vocab)
                    sync()
                    after_logits = torch.cuda.memory_allocated()
                    with torch.inference_mode():
                        s = v1_sampler(logits, variant)
                    sync()
                    peak = torch.cuda.max_memory_allocated()
                    runs.append({"peak_extra_bytes": peak - base, "logits_bf16_bytes": after_logits - base, "peak_over_bf16_logits_bytes": peak - after_logits})
                    del logits, s, hs
                n_logits = rows * vocab
                r = runs[-1]
                out.append({
                    "variant": variant, "label": label, "rows": rows, "vocab": vocab, "hidden": hidden,
                    "logits": n_logits,
                    "peak_extra_bytes": r["peak_extra_bytes"],
                    "bytes_per_logit": r["peak_extra_bytes"] / n_logits,
                    "bytes_per_logit_excluding_bf16_logits": r["peak_over_bf16_logits_bytes"] / n_logits,
                    "runs": runs,
                })
                print(f"sampler {variant:22s} rows={rows:5d} vocab={vocab}: {r['peak_extra_bytes']/2**30:.3f} GiB = {r['peak_extra_bytes']/n_logits:.2f} B/logit", flush=True)
                RES["sampler"] = out
        del lm_head


# ---------------------------------------------------------------- model
CFG = dict(hidden_size=3584, intermediate_size=18944, num_hidden_layers=28, num_attention_heads=28,
           num_key_value_heads=4, vocab_size=152064, max_position_embeddings=32768, rope_theta=1000000.0,
           rms_norm_eps=1e-6, tie_word_embeddings=False)
H, I, NL, NH, NKV, HD, V = 3584, 18944, 28, 28, 4, 128, 152064
M = {}


def build_model():
    from transformers import Qwen2Config, Qwen2ForCausalLM
    cfg = Qwen2Config(**CFG, torch_dtype="bfloat16")
    cfg._attn_implementation = "sdpa"
    torch.set_default_dtype(BF16)
    clean()
    before = torch.cuda.memory_allocated()
    with torch.device(DEV):
        model = Qwen2ForCausalLM(cfg)
    torch.set_default_dtype(torch.float32)
    model.eval().requires_grad_(False)
    if model.lm_head.weight.dtype != BF16:
        model.to(BF16)
    sync()
    RES["model"] = {"config": CFG, "params": sum(p.numel() for p in model.parameters()),
                    "weights_allocated_bytes": torch.cuda.memory_allocated() - before, "attn_implementation": "sdpa"}
    M["model"] = model
    # vLLM-style merged weights (qkv_proj, gate_up_proj), built once; the weights are not part of any measurement
    lw = []
    for layer in model.model.layers:
        a, m = layer.self_attn, layer.mlp
        lw.append({
            "wqkv": torch.cat([a.q_proj.weight, a.k_proj.weight, a.v_proj.weight]),
            "bqkv": torch.cat([a.q_proj.bias, a.k_proj.bias, a.v_proj.bias]),
            "wo": a.o_proj.weight, "wgu": torch.cat([m.gate_proj.weight, m.up_proj.weight]), "wd": m.down_proj.weight,
            "ln1": layer.input_layernorm.weight, "ln2": layer.post_attention_layernorm.weight,
        })
    M["lw"] = lw
    sync()


# vLLM-like op allocation pattern: rms_norm writes a new tensor, fused_add_rms_norm is in place, qkv and
# gate_up are merged GEMMs, silu_and_mul writes one (N, I) tensor, rotary is in place, the attention layer
# allocates its output (the V1 profile run skips the attention kernel itself: attn_metadata is None).
def vl_layer(hold, lw, attn=None):
    h, residual = hold.pop("h"), hold.pop("residual", None)
    if residual is None:
        residual = h
        x = torch.empty_like(h)
        torch.mul(h, lw["ln1"], out=x)
    else:
        residual.add_(h)
        torch.mul(residual, lw["ln1"], out=h)
        x = h
    del h
    qkv = F.linear(x, lw["wqkv"], lw["bqkv"])
    del x
    qkv[:, : (NH + NKV) * HD].mul_(1.0)  # rotary, in place
    attn_out = torch.empty(qkv.shape[0], NH * HD, device=DEV, dtype=BF16)
    if attn is not None:
        attn(qkv, attn_out)
    del qkv
    o = F.linear(attn_out, lw["wo"])
    del attn_out
    residual.add_(o)
    torch.mul(residual, lw["ln2"], out=o)
    gu = F.linear(o, lw["wgu"])
    del o
    act = torch.empty(gu.shape[0], I, device=DEV, dtype=BF16)
    F.silu(gu[:, :I], inplace=True)
    torch.mul(gu[:, :I], gu[:, I:], out=act)
    del gu
    d = F.linear(act, lw["wd"])
    del act
    hold["h"], hold["residual"] = d, residual


def measure(fn):
    clean()
    torch.cuda.reset_peak_memory_stats()
    base = torch.cuda.memory_allocated()
    r = fn()
    sync()
    return torch.cuda.max_memory_allocated() - base, r


# ---------------------------------------------------------------- 2. forward activation
def forward():
    model, lw = M["model"], M["lw"]
    out = {"hf_layer": [], "vllm_like_layer": [], "hf_full_logits_to_keep_1": []}
    RES["forward"] = out
    layer = model.model.layers[0]
    for n in (2048, 8192, 16384):
        # one HF Qwen2DecoderLayer, SDPA causal, one flattened sequence; input and rotary tables exist before
        hs = torch.randn(1, n, H, device=DEV, dtype=BF16)
        pos = torch.arange(n, device=DEV)[None]
        with torch.no_grad():
            cos, sin = model.model.rotary_emb(hs, pos)
            def run():
                o = layer(hs, attention_mask=None, position_ids=pos, position_embeddings=(cos, sin))
                return o[0] if isinstance(o, tuple) else o
            peak, o = measure(run)
        del o
        out["hf_layer"].append({"tokens": n, "peak_extra_bytes": peak, "per_token_bytes": peak / n})
        del hs, pos, cos, sin
        # vLLM-like layer: input hidden states (N, H) exist before; residual is None (first layer)
        with torch.no_grad():
            hold = {"h": torch.randn(n, H, device=DEV, dtype=BF16)}
            peak, _ = measure(lambda: vl_layer(hold, lw[0]))
        out["vllm_like_layer"].append({"tokens": n, "peak_extra_bytes": peak, "per_token_bytes": peak / n})
        del hold
        ids = torch.randint(0, V, (1, n), device=DEV)
        with torch.no_grad():
            def run_full():
                o = model(input_ids=ids, use_cache=False, logits_to_keep=1)
                return o.logits
            peak, o = measure(run_full)
        del o, ids
        out["hf_full_logits_to_keep_1"].append({"tokens": n, "peak_extra_bytes": peak, "per_token_bytes": peak / n})
        print(f"forward n={n}: hf_layer {out['hf_layer'][-1]['per_token_bytes']:.0f} B/tok, vllm_like {out['vllm_like_layer'][-1]['per_token_bytes']:.0f}, hf_full {peak/n:.0f}", flush=True)
        save()


# ---------------------------------------------------------------- 2b. vLLM-style profile run (forward + dummy sampler)
def profile_run():
    model, lw = M["model"], M["lw"]
    embed, final_norm, lm_head = model.model.embed_tokens.weight, model.model.norm.weight, model.lm_head.weight
    out = []
    RES["profile_run"] = out
    for tokens, seqs in ((2048, 256), (8192, 256), (8192, 1024), (16384, 1024)):
        ids = torch.randint(0, V, (tokens,), device=DEV)
        per = [tokens // seqs] * seqs
        per[-1] += tokens - sum(per)
        logit_idx = torch.tensor(per, device=DEV).cumsum(0) - 1
        marks = {}
        def run():
            with torch.inference_mode():
                hold = {"h": F.embedding(ids, embed)}
                for w in lw:
                    vl_layer(hold, w)
                h, residual = hold.pop("h"), hold.pop("residual")
                residual.add_(h)
                torch.mul(residual, final_norm, out=h)
                del residual
                sync()
                marks["forward_peak"] = torch.cuda.max_memory_allocated()
                sample_h = h[logit_idx]
                logits = F.linear(torch.rand_like(sample_h), lm_head)
                marks["before_sampler"] = torch.cuda.memory_allocated()
                s = v1_sampler(logits, "native")
                del logits
                return h, s
        clean()
        torch.cuda.reset_peak_memory_stats()
        base = torch.cuda.memory_allocated()
        r = run()
        sync()
        peak = torch.cuda.max_memory_allocated() - base
        del r
        out.append({"tokens": tokens, "seqs": seqs, "peak_extra_bytes": peak, "forward_peak_extra_bytes": marks["forward_peak"] - base,
                    "forward_per_token_bytes": (marks["forward_peak"] - base) / tokens,
                    "sampler_peak_over_forward_end_bytes": peak - (marks["before_sampler"] - base)})
        print(f"profile {tokens}/{seqs}: peak {peak/2**30:.3f} GiB, forward {(marks['forward_peak']-base)/2**30:.3f} GiB", flush=True)
        del ids, logit_idx
        save()


# ---------------------------------------------------------------- 3. CUDA graphs
SIZES_V010 = [1, 2, 4] + list(range(8, 513, 8))
SIZES_V011 = [1, 2, 4] + list(range(8, 256, 8)) + list(range(256, 513, 16))
CTX = 16  # KV slots per sequence: 512 x 16 = 8,192 cached tokens per layer


CAP = {}


@contextmanager
def capture(g, pool):
    # torch.cuda.graph() would gc.collect() and empty_cache() on every capture; vLLM patches both out, so do we.
    s = CAP.setdefault("stream", torch.cuda.Stream())
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        g.capture_begin(pool=pool)
        try:
            yield
        finally:
            g.capture_end()
    torch.cuda.current_stream().wait_stream(s)


def pool_segments_bytes():
    try:
        return sum(s["total_size"] for s in torch.cuda.memory_snapshot() if tuple(s.get("segment_pool_id", (0, 0))) != (0, 0))
    except Exception:  # noqa: BLE001
        return None


def graphs_run(layers, mode, sizes):
    model, lw = M["model"], M["lw"][:layers]
    embed, final_norm = model.model.embed_tokens.weight, model.model.norm.weight
    bmax = max(sizes)
    ids = torch.randint(0, V, (bmax,), device=DEV)
    kv = [(torch.randn(bmax, NKV, CTX, HD, device=DEV, dtype=BF16), torch.randn(bmax, NKV, CTX, HD, device=DEV, dtype=BF16)) for _ in lw]

    def attention(i):
        kc, vc = kv[i]
        def attn(qkv, attn_out):
            b = qkv.shape[0]
            q = qkv[:, : NH * HD].view(b, NKV, NH // NKV, HD)  # GQA decode: 7 query heads per KV head, no expansion
            kc[:b, :, CTX - 1].copy_(qkv[:, NH * HD:(NH + NKV) * HD].view(b, NKV, HD))
            vc[:b, :, CTX - 1].copy_(qkv[:, (NH + NKV) * HD:].view(b, NKV, HD))
            o = F.scaled_dot_product_attention(q, kc[:b], vc[:b])
            attn_out.copy_(o.reshape(b, NH * HD))
        return attn

    def eager(b):
        with torch.inference_mode():
            hold = {"h": F.embedding(ids[:b], embed)}
            for i, w in enumerate(lw):
                vl_layer(hold, w, attention(i))
            hold["residual"].add_(hold["h"])
            torch.mul(hold["residual"], final_norm, out=hold["h"])
            return hold["h"]

    graphs = []
    clean()
    free0, reserved0, pool0 = torch.cuda.mem_get_info()[0], torch.cuda.memory_reserved(), pool_segments_bytes() or 0
    pool = torch.cuda.graph_pool_handle()
    t = time.time()
    # vLLM captures the largest size first so smaller ones reuse the pool; one eager warm-up per size
    for b in sorted(sizes, reverse=True):
        eager(b)
        with torch.inference_mode():
            if mode == "full":
                g = torch.cuda.CUDAGraph()
                with capture(g, pool):
                    out = eager(b)
                graphs.append(g)
                del out
            else:
                # piecewise: split at every attention op (L+1 pieces); attention runs eagerly between pieces.
                # Non-final piece outputs are only weakly kept by vLLM, so they are dropped once consumed.
                hold = {}
                g = torch.cuda.CUDAGraph()
                with capture(g, pool):
                    h = F.embedding(ids[:b], embed)
                    x = torch.empty_like(h)
                    torch.mul(h, lw[0]["ln1"], out=x)
                    qkv = F.linear(x, lw[0]["wqkv"], lw[0]["bqkv"])
                    del x
                    qkv[:, : (NH + NKV) * HD].mul_(1.0)
                    attn_out = torch.empty(b, NH * HD, device=DEV, dtype=BF16)
                graphs.append(g)
                residual = h
                for i, w in enumerate(lw):
                    attention(i)(qkv, attn_out)  # eager, outside the graphs
                    del qkv
                    g = torch.cuda.CUDAGraph()
                    with capture(g, pool):
                        o = F.linear(attn_out, w["wo"])
                        residual.add_(o)
                        torch.mul(residual, w["ln2"], out=o)
                        gu = F.linear(o, w["wgu"])
                        del o
                        act = torch.empty(b, I, device=DEV, dtype=BF16)
                        F.silu(gu[:, :I], inplace=True)
                        torch.mul(gu[:, :I], gu[:, I:], out=act)
                        del gu
                        d = F.linear(act, w["wd"])
                        del act
                        residual.add_(d)
                        if i + 1 < len(lw):
                            nw = lw[i + 1]
                            torch.mul(residual, nw["ln1"], out=d)
                            qkv = F.linear(d, nw["wqkv"], nw["bqkv"])
                            del d
                            qkv[:, : (NH + NKV) * HD].mul_(1.0)
                            attn_out = torch.empty(b, NH * HD, device=DEV, dtype=BF16)
                        else:
                            torch.mul(residual, final_norm, out=d)
                            del attn_out
                    graphs.append(g)
                del d, residual, h
        sync()
    capture_s = time.time() - t
    sync()
    free1, reserved1, pool1 = torch.cuda.mem_get_info()[0], torch.cuda.memory_reserved(), pool_segments_bytes()
    graphs[0].replay()  # sanity: the pool stays valid
    sync()
    rec = {"mode": mode, "layers": layers, "capture_sizes": len(sizes), "max_size": bmax, "graphs": len(graphs),
           "device_free_delta_bytes": free0 - free1, "torch_reserved_delta_bytes": reserved1 - reserved0,
           "graph_pool_segments_bytes": None if pool1 is None else pool1 - pool0,
           "non_torch_delta_bytes": (free0 - free1) - (reserved1 - reserved0), "capture_seconds": round(capture_s, 2)}
    del graphs, kv, ids
    clean()
    rec["device_free_after_release_delta_bytes"] = free0 - torch.cuda.mem_get_info()[0]
    return rec


def cuda_graphs():
    out = []
    RES["cuda_graphs"] = out
    # warm capture once (capture stream, its cuBLAS workspace) so the first measured config is not charged alone
    warm = graphs_run(1, "full", [8])
    RES["cuda_graphs_warmup"] = warm
    plan = [(2, "piecewise", "v0.8-0.10", SIZES_V010), (4, "piecewise", "v0.8-0.10", SIZES_V010),
            (2, "full", "v0.8-0.10", SIZES_V010), (4, "full", "v0.8-0.10", SIZES_V010),
            (28, "piecewise", "v0.8-0.10", SIZES_V010), (28, "full", "v0.8-0.10", SIZES_V010),
            (28, "piecewise", "v0.11+", SIZES_V011), (28, "full", "v0.11+", SIZES_V011)]
    for layers, mode, sizes_name, sizes in plan:
        if time.time() - T0 > 480:
            out.append({"mode": mode, "layers": layers, "skipped": "time budget"})
            continue
        rec = graphs_run(layers, mode, sizes)
        rec["sizes_name"] = sizes_name
        out.append(rec)
        print(f"graphs {mode:9s} L={layers:2d} {sizes_name}: free delta {rec['device_free_delta_bytes']/2**20:.1f} MiB, reserved {rec['torch_reserved_delta_bytes']/2**20:.1f} MiB, pool {rec['graph_pool_segments_bytes'] and rec['graph_pool_segments_bytes']/2**20}, {rec['graphs']} graphs, {rec['capture_seconds']} s", flush=True)
        save()


section("env", env)
section("sampler", sampler)
section("build_model", build_model)
section("forward", forward)
section("profile_run", profile_run)
section("cuda_graphs", cuda_graphs)
RES.setdefault("env", {})["nvidia_smi_after"] = smi()
sync()
RES["finished"] = True
save()
print(json.dumps({k: RES.get(k) for k in ("env", "section_seconds", "errors")}, indent=1))
