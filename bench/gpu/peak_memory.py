"""The peak CUDA memory a piece of work allocates above what is allocated before it, as max_memory_allocated sees it."""

import torch


def peak_above_baseline(work):
    """Runs `work()` under inference mode; returns (its result, peak bytes allocated above the baseline)."""
    torch.cuda.synchronize()
    torch.cuda.empty_cache()
    base = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    with torch.inference_mode():
        result = work()
        torch.cuda.synchronize()
    return result, torch.cuda.max_memory_allocated() - base
