"""Non-torch GPU memory a single card can show: what the CUDA driver, cuBLAS/cuBLASLt, the attention backends, NCCL
and kernel-module loads take outside PyTorch's caching allocator, measured the way vLLM measures it
(vllm/utils MemorySnapshot: non_torch = (total - free) - torch.cuda.memory_reserved()).
One fresh CUDA process per probe: the driver keeps and reuses memory across probes in one process.
Writes $OUT/h200-nontorch.json. Usage: python3 bench/gpu/measure_nontorch.py            (driver: every probe)
                                      python3 bench/gpu/measure_nontorch.py '<json>'    (one probe)"""
import json, os, subprocess, sys, time

OUT = os.environ.get("OUT", "/tmp")
MIB = 1 << 20


def smi_used_mib():
    q = subprocess.run(["nvidia-smi", "--query-gpu=memory.used,memory.total,name,driver_version",
                        "--format=csv,noheader,nounits"], capture_output=True, text=True).stdout.strip()
    used, total, name, driver = [s.strip() for s in q.split(",")]
    return int(used), int(total), name, driver


def probe(cfg):
    used_before, _, _, _ = smi_used_mib()
    import torch
    out = {"probe": cfg["probe"], "env": {k: v for k, v in os.environ.items() if k.startswith(("NCCL_", "CUDA_MODULE", "CUBLAS"))}}

    def snap():
        torch.cuda.synchronize()
        free, total = torch.cuda.mem_get_info()
        reserved = torch.cuda.memory_reserved()
        return {"used": total - free, "reserved": reserved, "nonTorch": total - free - reserved,
                "allocatedPeak": torch.cuda.memory_stats().get("allocated_bytes.all.peak", 0)}

    def delta(a, b):
        return {k: b[k] - a[k] for k in ("used", "reserved", "nonTorch")}

    torch.zeros(1, device="cuda")
    s0 = snap()
    out["context"] = {"smiUsedBeforeMiB": used_before, "memGetInfoUsedAfterInit": s0["used"], "reserved": s0["reserved"]}
    p = cfg["probe"]
    bf = torch.bfloat16

    if p == "context":
        pass
    elif p == "cublas":
        steps = {}
        a, b = torch.randn(4096, 4096, device="cuda", dtype=bf), torch.randn(4096, 4096, device="cuda", dtype=bf)
        s = snap(); (a @ b); steps["bf16_mm"] = delta(s, snap())
        s = snap(); (a.half() @ b.half()); steps["fp16_mm"] = delta(s, snap())
        s = snap(); torch.addmm(torch.randn(4096, device="cuda", dtype=bf), a, b); steps["bf16_addmm_bias_lt"] = delta(s, snap())
        s = snap(); (a.float() @ b.float()); steps["fp32_mm"] = delta(s, snap())
        s = snap(); torch.nn.functional.linear(a[:7], b); steps["bf16_linear_small_m"] = delta(s, snap())
        try:
            fa, fb = a.to(torch.float8_e4m3fn), b.to(torch.float8_e4m3fn).t()
            one = torch.ones((), device="cuda")
            s = snap(); torch._scaled_mm(fa, fb, scale_a=one, scale_b=one, out_dtype=bf); steps["fp8_scaled_mm_lt"] = delta(s, snap())
        except Exception as e:  # noqa: BLE001
            steps["fp8_scaled_mm_lt"] = {"error": str(e)[:200]}
        s = snap()
        st = torch.cuda.Stream()
        with torch.cuda.stream(st):
            a @ b
        steps["bf16_mm_second_stream"] = delta(s, snap())
        out["steps"] = steps
        out["total"] = delta(s0, snap())
    elif p == "attention":
        from torch.nn.attention import SDPBackend, sdpa_kernel
        import torch.nn.functional as F
        steps = {}
        for name, backend in [("flash", SDPBackend.FLASH_ATTENTION), ("efficient", SDPBackend.EFFICIENT_ATTENTION),
                              ("cudnn", SDPBackend.CUDNN_ATTENTION)]:
            q = torch.randn(1, 28, 8192, 128, device="cuda", dtype=bf)
            k = torch.randn(1, 28, 8192, 128, device="cuda", dtype=bf)
            s = snap(); torch.cuda.reset_peak_memory_stats()
            try:
                with sdpa_kernel(backend):
                    o = F.scaled_dot_product_attention(q, k, k, is_causal=True)
                d = delta(s, snap()); d["torchPeakOverStart"] = torch.cuda.max_memory_allocated() - s["allocatedPeak"]
                steps[name] = d
                del o
            except Exception as e:  # noqa: BLE001
                steps[name] = {"error": str(e)[:200]}
            del q, k
            torch.cuda.empty_cache()
        out["steps"] = steps
        out["total"] = delta(s0, snap())
    elif p == "nccl":
        import torch.distributed as dist
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(29500 + os.getpid() % 1000))
        steps = {}
        s = snap(); dist.init_process_group("nccl", rank=0, world_size=1, device_id=torch.device("cuda:0"))
        steps["init_process_group"] = delta(s, snap())
        t = torch.ones(MIB // 2, device="cuda", dtype=bf)
        s = snap(); dist.all_reduce(t); steps["first_all_reduce_1MiB"] = delta(s, snap())
        t = torch.ones(32 * MIB, device="cuda", dtype=bf)
        s = snap(); dist.all_reduce(t); steps["all_reduce_64MiB"] = delta(s, snap())
        s = snap(); dist.all_gather_into_tensor(torch.empty_like(t), t); steps["all_gather_64MiB"] = delta(s, snap())
        out["ncclVersion"] = ".".join(map(str, torch.cuda.nccl.version()))
        out["steps"] = steps
        out["total"] = delta(s0, snap())
        dist.destroy_process_group()
    elif p == "triton":
        import triton, triton.language as tl

        @triton.jit
        def add(x, y, o, n, BLOCK: tl.constexpr):
            i = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
            tl.store(o + i, tl.load(x + i, mask=i < n) + tl.load(y + i, mask=i < n), mask=i < n)

        x = torch.randn(1 << 20, device="cuda")
        steps = {}
        for block in (256, 512, 1024, 2048):
            s = snap(); o = torch.empty_like(x); add[(x.numel() // block,)](x, x, o, x.numel(), BLOCK=block)
            steps[f"kernel_block{block}"] = delta(s, snap())
        out["steps"] = steps
        out["total"] = delta(s0, snap())
    elif p == "forward":
        # A Qwen2.5-7B-shaped model (random bf16 weights) through transformers: the non-torch growth of the first
        # prefill, which is what vLLM's profile run books as non-torch at TP 1 (kernel images, cuBLAS, attention).
        from transformers import Qwen2Config, Qwen2ForCausalLM
        c = Qwen2Config(hidden_size=3584, intermediate_size=18944, num_hidden_layers=cfg.get("layers", 28),
                        num_attention_heads=28, num_key_value_heads=4, vocab_size=152064, max_position_embeddings=32768,
                        torch_dtype="bfloat16", attn_implementation=cfg.get("attn", "sdpa"))
        with torch.device("cuda"):
            m = Qwen2ForCausalLM(c).to(bf).eval()
        torch.cuda.empty_cache()
        s_loaded = snap()
        out["weightsReserved"] = s_loaded["reserved"] - s0["reserved"]
        steps = {}
        with torch.inference_mode():
            for n in cfg.get("tokens", [2048, 8192]):
                ids = torch.randint(0, 152064, (1, n), device="cuda")
                s = snap()
                m(input_ids=ids, use_cache=False, logits_to_keep=1)
                steps[f"prefill_{n}"] = delta(s, snap())
        out["steps"] = steps
        out["total"] = delta(s_loaded, snap())
    out["smiUsedAfterMiB"] = smi_used_mib()[0]
    return out


def main():
    if len(sys.argv) > 1:
        print(json.dumps(probe(json.loads(sys.argv[1]))))
        return
    used, total, name, driver = smi_used_mib()
    import torch
    meta = {"gpu": name, "smiTotalMiB": total, "smiUsedIdleMiB": used, "driver": driver, "torch": torch.__version__,
            "cuda": torch.version.cuda, "memGetInfoTotal": None}
    probes = [
        {"probe": "context"},
        {"probe": "context", "env": {"CUDA_MODULE_LOADING": "EAGER"}},
        {"probe": "cublas"},
        {"probe": "attention"},
        {"probe": "triton"},
        {"probe": "nccl"},
        {"probe": "nccl", "env": {"NCCL_CUMEM_ENABLE": "0"}},
        {"probe": "nccl", "env": {"NCCL_BUFFSIZE": str(1 << 20)}},
        {"probe": "nccl", "env": {"NCCL_P2P_DISABLE": "1", "NCCL_SHM_DISABLE": "1"}},
        {"probe": "forward", "tokens": [2048, 8192]},
        {"probe": "forward", "tokens": [2048, 8192], "attn": "eager", "layers": 4},
    ]
    results = []
    for cfg in probes:
        env = {**os.environ, **cfg.get("env", {}), "PYTHONUNBUFFERED": "1"}
        t = time.time()
        r = subprocess.run([sys.executable, __file__, json.dumps(cfg)], capture_output=True, text=True, env=env, timeout=300)
        line = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
        try:
            res = json.loads(line)
        except json.JSONDecodeError:
            res = {"probe": cfg["probe"], "error": (r.stderr or r.stdout)[-1500:]}
        res["config"] = cfg
        res["seconds"] = round(time.time() - t, 1)
        results.append(res)
        print(json.dumps({k: res.get(k) for k in ("probe", "config", "total", "context", "error")})[:600], flush=True)
    meta["memGetInfoTotal"] = torch.cuda.mem_get_info()[1]
    with open(os.path.join(OUT, "h200-nontorch.json"), "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)
    for res in results:
        print(res["probe"], json.dumps(res.get("config")), "total", json.dumps(res.get("total")), "steps",
              json.dumps(res.get("steps"))[:900])


if __name__ == "__main__":
    main()
