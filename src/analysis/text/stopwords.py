"""Which tokens count as words: the stopword lists and :class:`TokenFilter`.

Two separate lists live in ``analysis/resources/``: Chinese function words
(``stopwords_function.txt``) and policy boilerplate words (``stopwords_policy.txt``). Either
can be switched off or replaced by your own file. Filtering is cheap and applied after
segmentation, so changing it never re-segments a text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.resources import read_wordlist
from analysis.text.token_kinds import KIND_CODES, token_kind

__all__ = ["TokenFilter"]


@dataclass(frozen=True)
class TokenFilter:
    """Which tokens count as words for matrices and statistics.

    Parameters
    ----------
    function_words : bool
        Drop Chinese function words (``stopwords_function.txt``: 的, 和, 对, 将 ...).
    policy_words : bool
        Drop policy boilerplate (``stopwords_policy.txt``: 加强, 推进, 积极, 进一步 ...).
    drop_punct, drop_numbers : bool
        Drop punctuation and number tokens.
    min_chars : int
        Drop shorter tokens (2 drops single characters).
    function_list, policy_list : str or path
        The two stopword files (packaged names or your own).

    Examples
    --------
    >>> TokenFilter().keeps("科技创新"), TokenFilter().keeps("加强"), TokenFilter().keeps("的")
    (True, False, False)
    >>> TokenFilter(policy_words=False).keeps("加强")
    True
    """

    function_words: bool = True
    policy_words: bool = True
    drop_punct: bool = True
    drop_numbers: bool = True
    min_chars: int = 2
    function_list: str = "stopwords_function.txt"
    policy_list: str = "stopwords_policy.txt"

    def keeps(self, token: str) -> bool:
        """Whether one token passes the filter."""
        kind = token_kind(token)
        return self._keep(token, kind, token in self.function_set(), token in self.policy_set())

    def _keep(self, token: str, kind: str, is_func: bool, is_policy: bool) -> bool:
        if kind == "space" or (self.drop_punct and kind in ("punct", "other")):
            return False
        if self.drop_numbers and kind == "number":
            return False
        if len(token) < self.min_chars:
            return False
        if self.function_words and is_func:
            return False
        return not (self.policy_words and is_policy)

    def function_set(self) -> frozenset[str]:
        """The function words of ``function_list``.

        Examples
        --------
        >>> "的" in TokenFilter().function_set()
        True
        """
        return frozenset(read_wordlist(self.function_list))

    def policy_set(self) -> frozenset[str]:
        """The policy boilerplate words of ``policy_list``.

        Examples
        --------
        >>> "加强" in TokenFilter().policy_set()
        True
        """
        return frozenset(read_wordlist(self.policy_list))

    def apply(self, tokens: pd.DataFrame) -> pd.Series:
        """Boolean mask over a :func:`~analysis.text.tokenize.token_table` frame.

        Examples
        --------
        >>> toks = pd.DataFrame({"token": ["科技", "的", "。"], "start": [0, 2, 3],
        ...                      "end": [2, 3, 4], "kind": ["han", "han", "punct"],
        ...                      "is_function_word": [False, True, False],
        ...                      "is_policy_word": [False, False, False]})
        >>> TokenFilter().apply(toks).tolist()
        [True, False, False]
        """
        keep = ~tokens["kind"].isin(["space"])
        if self.drop_punct:
            keep &= ~tokens["kind"].isin(["punct", "other"])
        if self.drop_numbers:
            keep &= tokens["kind"] != "number"
        keep &= (tokens["end"] - tokens["start"]) >= self.min_chars
        if self.function_words:
            keep &= ~tokens["is_function_word"]
        if self.policy_words:
            keep &= ~tokens["is_policy_word"]
        return keep.astype(np.bool_)

    def apply_codes(self, kinds: np.ndarray, lengths: np.ndarray,
                    is_function_word: np.ndarray, is_policy_word: np.ndarray) -> np.ndarray:
        """:meth:`apply` on arrays: kind codes (:data:`~analysis.text.token_kinds.KIND_CODES`),
        token lengths and the two stopword flags. A test checks that both agree.

        Examples
        --------
        >>> from analysis.text.token_kinds import KIND_CODES
        >>> kinds = np.array([KIND_CODES["han"], KIND_CODES["han"], KIND_CODES["punct"]])
        >>> TokenFilter().apply_codes(kinds, np.array([2, 1, 1]), np.array([False, True, False]),
        ...                           np.array([False, False, False])).tolist()
        [True, False, False]
        """
        code = KIND_CODES
        keep = kinds != code["space"]
        if self.drop_punct:
            keep &= (kinds != code["punct"]) & (kinds != code["other"])
        if self.drop_numbers:
            keep &= kinds != code["number"]
        keep &= lengths >= self.min_chars
        if self.function_words:
            keep &= ~is_function_word
        if self.policy_words:
            keep &= ~is_policy_word
        return np.asarray(keep, dtype=np.bool_)
