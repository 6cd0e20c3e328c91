"""Second H200 session: (1) what one NCCL communicator costs once per process (kernel images) and what each further
communicator adds (world size 1: no peers, so no transport buffers), with NCCL's own INIT/ALLOC log; (2) the bytes per
logit of TGI's warm-up prefill, which asks for prefill logprobs: lm_head logits for every prompt token, then
log_softmax over them (flash_causal_lm.py). One fresh process per probe. Writes $OUT/h200-nccl-logits.json.
Usage: python3 bench/gpu/measure_nccl_logits.py"""
import json, os, subprocess, sys

OUT = os.environ.get("OUT", "/tmp")


def probe(cfg):
    import torch
    torch.zeros(1, device="cuda")

    def nt():
        torch.cuda.synchronize()
        free, total = torch.cuda.mem_get_info()
        return {"used": total - free, "reserved": torch.cuda.memory_reserved(), "nonTorch": total - free - torch.cuda.memory_reserved()}

    out = {"probe": cfg["probe"]}
    if cfg["probe"] == "nccl-communicators":
        import torch.distributed as dist
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(29600 + os.getpid() % 1000))
        steps = [{"step": "start", **nt()}]
        dist.init_process_group("nccl", rank=0, world_size=1, device_id=torch.device("cuda:0"))
        t = torch.ones(1024, device="cuda")
        dist.all_reduce(t)
        steps.append({"step": "comm1", **nt()})
        for k in (2, 3, 4):
            g = dist.new_group([0], backend="nccl")
            dist.all_reduce(t, group=g)
            steps.append({"step": f"comm{k}", **nt()})
        out["steps"] = steps
        out["ncclVersion"] = ".".join(map(str, torch.cuda.nccl.version()))
        dist.destroy_process_group()
    elif cfg["probe"] == "prefill-logprobs":
        import torch.nn.functional as F
        rows = []
        for tokens, hidden, vocab in [(4096, 4096, 32000), (4096, 4096, 128256), (8192, 8192, 128256), (4096, 3584, 152064)]:
            h = torch.randn(tokens, hidden, device="cuda", dtype=torch.bfloat16)
            w = torch.randn(vocab, hidden, device="cuda", dtype=torch.bfloat16) * 0.02
            torch.cuda.synchronize(); torch.cuda.empty_cache(); torch.cuda.reset_peak_memory_stats()
            base = torch.cuda.memory_allocated()
            logits = F.linear(h, w)
            logprobs = torch.log_softmax(logits, -1)
            top = logprobs.topk(20, dim=-1)
            ids = logprobs.gather(1, torch.randint(0, vocab, (tokens, 1), device="cuda"))
            torch.cuda.synchronize()
            peak = torch.cuda.max_memory_allocated() - base
            rows.append({"tokens": tokens, "hidden": hidden, "vocab": vocab, "peakBytes": peak, "bytesPerLogit": peak / (tokens * vocab)})
            del h, w, logits, logprobs, top, ids
        out["rows"] = rows
    return out


def main():
    if len(sys.argv) > 1:
        print(json.dumps(probe(json.loads(sys.argv[1]))))
        return
    results = []
    for cfg, env in [({"probe": "nccl-communicators"}, {}),
                     ({"probe": "nccl-communicators"}, {"NCCL_DEBUG": "INFO", "NCCL_DEBUG_SUBSYS": "INIT,ALLOC"}),
                     ({"probe": "nccl-communicators"}, {"NCCL_CUMEM_ENABLE": "0"}),
                     ({"probe": "prefill-logprobs"}, {})]:
        r = subprocess.run([sys.executable, __file__, json.dumps(cfg)], capture_output=True, text=True,
                           env={**os.environ, **env}, timeout=300)
        line = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
        try:
            res = json.loads(line)
        except json.JSONDecodeError:
            res = {"error": (r.stderr or r.stdout)[-2000:]}
        res["env"] = env
        if env.get("NCCL_DEBUG"):
            res["ncclLog"] = [l for l in r.stdout.splitlines() + r.stderr.splitlines() if "NCCL" in l][-120:]
        results.append(res)
        print(json.dumps({k: v for k, v in res.items() if k != "ncclLog"}), flush=True)
    with open(os.path.join(OUT, "h200-nccl-logits.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
