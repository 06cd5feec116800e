"""Stage 2 — tokenization.

Owns one jieba-compatible tokenizer object with the shipped domain dictionary (``corpora/lexicon/userdict.txt``)
and stopword list, created once per process by :func:`get_tokenizer` and passed to whoever needs it.
jieba's global ``jieba.dt`` is never used: its cache file goes to petitionnlp's cache folder and its
logger is silenced.  :func:`make_spacy_nlp` builds a ``spacy.blank("zh")`` whose segmenter is this
tokenizer, for the rule matchers of later stages.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from .resources import cache_dir, corpus_path, once
from .text import is_cjk

__all__ = ["Tokenizer", "get_tokenizer", "analyze", "make_spacy_nlp"]

_LOCK = threading.Lock()


def _read_wordlist(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]


def _userdict_entries(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts or line.startswith("#"):
                continue
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
            yield parts[0], freq, tag


class Tokenizer:
    """jieba segmentation with explicit dictionaries.

    Parameters
    ----------
    userdict : path of a jieba user dictionary (``word [freq] [pos]`` a line), or None
    stopwords : path of a stopword list, or None
    hmm : use jieba's HMM for unknown words (jieba's default)
    engine : ``"rjieba"`` (jieba-rs, the same algorithm and dictionary in Rust; several times faster and
        measured to agree with jieba on the corpora's tokens, see benchmarks/bench_tokenizer.py) or
        ``"jieba"`` (the Python original); ``"auto"`` takes rjieba when it is installed
    shared : with rjieba, add the user dictionary to the segmenter rjieba builds when it is imported instead
        of building a second one (0.09 s): for the one process-wide tokenizer
    """

    def __init__(self, userdict: str | Path | None = None, stopwords: str | Path | None = None,
                 hmm: bool = True, engine: str = "auto", shared: bool = False):
        self.userdict = userdict
        self.stopwords_path = stopwords
        self.hmm = hmm
        if engine == "auto":
            import importlib.util

            engine = "rjieba" if importlib.util.find_spec("rjieba") else "jieba"
        self.engine = engine
        with _LOCK:
            if engine == "rjieba":
                import rjieba

                self._seg = rjieba if shared else rjieba.Jieba()  # the module has the methods of its default
                if userdict:
                    for word, freq, tag in _userdict_entries(Path(userdict)):
                        self._seg.add_word(word, freq, tag)
                self._cut = lambda text: self._seg.cut(text, self.hmm)
                self._tag = lambda text: self._seg.tag(text, self.hmm)
                self._search = lambda text: self._seg.cut_for_search(text, self.hmm)
                self._spans = lambda text: self._seg.tokenize(text, "default", self.hmm)
            elif engine == "jieba":
                import jieba

                jieba.setLogLevel(logging.WARNING)
                self._seg = jieba.Tokenizer()
                self._seg.tmp_dir = str(cache_dir())
                self._seg.initialize()
                if userdict:
                    self._seg.load_userdict(str(userdict))
                self._cut = lambda text: self._seg.lcut(text, HMM=self.hmm)
                from jieba import posseg

                self._pos = posseg.POSTokenizer(self._seg)
                self._tag = lambda text: [(p.word, p.flag) for p in self._pos.lcut(text, HMM=self.hmm)]
                self._search = lambda text: self._seg.lcut_for_search(text, HMM=self.hmm)
                self._spans = lambda text: list(self._seg.tokenize(text, HMM=self.hmm))
            else:
                raise ValueError(f"unknown tokenizer engine {engine!r}")
        self.stopwords = frozenset(_read_wordlist(Path(stopwords))) if stopwords else frozenset()

    def cut(self, text: str) -> list[str]:
        """All tokens, as jieba's precise mode gives them (whitespace tokens dropped)."""
        return [t for t in self._cut(text) if not t.isspace()]

    def cut_for_search(self, text: str) -> list[str]:
        """jieba's search mode: words and their sub-words (``噪声污染`` → 噪声, 污染, 噪声污染)."""
        return [t for t in self._search(text) if not t.isspace()]

    def terms(self, text: str) -> list[str]:
        """Content tokens: stopwords, punctuation and single non-CJK characters removed."""
        keep = self.keeps
        return [t for t in self._cut(text) if keep(t)]

    def keeps(self, token: str) -> bool:
        """Whether :meth:`terms` keeps ``token`` of :meth:`raw_cut` (not a stopword, punctuation, a single
        non-CJK character or whitespace)."""
        return token not in self.stopwords and (is_cjk(token) if len(token) == 1 else not token.isspace())

    def raw_cut(self, text: str) -> list[str]:
        """jieba's precise mode as the segmenter gives it, whitespace tokens included."""
        return self._cut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech) pairs, jieba's tag set (``nr`` a person's name, ``ns`` a place …); the words
        join back into ``text``."""
        return self._tag(text)

    def known(self, word: str) -> bool:
        """Whether ``word`` is a word of the dictionary (jieba's own and the user dictionary), not one the HMM makes."""
        if self.engine == "rjieba":
            return bool(self._seg.has_word(word))
        return bool(self._seg.FREQ.get(word))

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._seg.add_word(word, freq, tag)

    def tokenize_spans(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) over the original text, for offset-keeping stages."""
        return self._spans(text)


@once
def get_tokenizer() -> Tokenizer:
    """The process-wide tokenizer with the shipped domain dictionary and stopwords, built once: its construction
    adds the dictionary's words to rjieba's shared segmenter, which another thread's cut would find borrowed
    (``RuntimeError: Already borrowed``) — so no thread cuts with it before it is complete."""
    return Tokenizer(userdict=corpus_path("lexicon", "userdict.txt"),
                     stopwords=corpus_path("lexicon", "stopwords.txt"), shared=True)


def analyze(text: str) -> list[str]:
    """Module-level analyzer for scikit-learn vectorizers (picklable by reference, skops-safe)."""
    return get_tokenizer().terms(text)


def make_spacy_nlp(tokenizer: Tokenizer | None = None):
    """``spacy.blank("zh")`` whose tokenizer is ``tokenizer`` (default: :func:`get_tokenizer`)."""
    import spacy
    from spacy.tokens import Doc

    tok = tokenizer or get_tokenizer()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})

    class _JiebaSegmenter:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            words = [w for w, _, _ in tok.tokenize_spans(text)]
            return Doc(self.vocab, words=words, spaces=[False] * len(words))

    nlp.tokenizer = _JiebaSegmenter(nlp.vocab)
    return nlp
