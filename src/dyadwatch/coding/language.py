"""Is a document in English? The coder's dictionaries and parser are English only.

Cheap first: a text whose words are mostly Latin letters and rich in English function
words is English without further ado (most of any English batch). Only the rest go to
langdetect, on a sample of the text, with a fixed seed so that a run is reproducible.
"""

from __future__ import annotations

import re
import threading

#: Characters of the text looked at (from its start); language does not change mid-article.
SAMPLE_CHARS = 2000
#: Share of lower-case words that must be English function words for the fast path (news prose: ~0.4-0.6).
FUNCTION_WORD_SHARE = 0.2

_FUNCTION_WORDS = frozenset(  # words common in English news and rare in other Latin-script languages ("in", "a" are not)
    "the of and to for on with as by it at from said he his are has have had were not this its but which will would "
    "after over their they been who or than more about that".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
_loaded = False


def _langdetect_detect(sample: str) -> str:
    global _loaded
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        if not _loaded:
            DetectorFactory.seed = 0
            _loaded = True
        try:
            return str(detect(sample))
        except LangDetectException:
            return "unknown"


def detect_language(text: str) -> str:
    """An ISO 639-1 code ("en", "ko", "ja", "fr", "zh-cn"...), or "unknown" for text without words."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if not words:
        return "unknown"
    latin = sum(1 for w in words if w.isascii())
    lower = [w for w in words if w.islower()]  # names (capitalised) say little about the language
    if latin / len(words) > 0.9 and lower:
        function = sum(1 for w in lower if w in _FUNCTION_WORDS)
        if function >= 2 and function / len(lower) >= FUNCTION_WORD_SHARE:
            return "en"
    return _langdetect_detect(sample)


def is_english(text: str) -> tuple[bool, str]:
    """(True, "en") for English; else (False, code) where code names the language found."""
    lang = detect_language(text)
    return lang == "en", lang
