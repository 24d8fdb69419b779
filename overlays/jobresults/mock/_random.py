"""Deterministic pseudo-random numbers: the same seed always yields the same data."""

from __future__ import annotations

import hashlib

_MASK = (1 << 64) - 1


def mix64(value: int) -> int:
    """A 64-bit hash of `value` (splitmix64's finalizer): cheap, well spread, stable."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def derive(seed: int, *labels: object) -> int:
    """A 64-bit number determined by `seed` and `labels` alone (stable across processes)."""
    text = "\x1f".join([str(seed), *(str(label) for label in labels)])
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def uuid4_text(seed: int, *labels: object) -> str:
    """A version-4-shaped UUID determined by `seed` and `labels`."""
    high, low = derive(seed, *labels, "high"), derive(seed, *labels, "low")
    value = (high << 64) | low
    value = (value & ~(0xF << 76)) | (0x4 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def token(seed: int, *labels: object, length: int = 6) -> str:
    """A short lower-case hex token determined by `seed` and `labels`."""
    return f"{derive(seed, *labels):016x}"[:length]
