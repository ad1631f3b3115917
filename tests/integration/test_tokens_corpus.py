"""On every real article: Marsad's tokens are exactly camel-tools' `simple_word_tokenize` tokens of
each sentence (memoized per word, quotes dropped) with offsets into the text, and the phrase matcher's
Aho-Corasick start filter finds what its trie finds when tried at every token."""
from camel_tools.tokenizers.word import simple_word_tokenize

from marsad.ingest import ReadOptions, read_inputs
from marsad.text import QUOTES, analyze
from tests.conftest import SHARED, require_shared


def _texts():
    folder = require_shared(SHARED / "corpora" / "ant-multisource-2018-libya")
    return [a.text for _, arts, _ in read_inputs([folder], ReadOptions()) for a in arts]


def test_tokens_equal_camel_tools_on_the_corpus(res):
    from tests.unit.test_matcher import _reference_find

    texts = _texts()
    assert len(texts) > 300
    for text in texts:
        doc = analyze(text)
        for sent in doc.sentences:   # sentence by sentence: closing marks after a full stop end it
            lo, hi = doc.ranges.get(sent.idx, (0, 0))
            want = [t for t in simple_word_tokenize(doc.sentence_text(sent.idx)) if t not in QUOTES]
            assert list(doc.tokens.texts[lo:hi]) == want
        assert all(text[a:b] == tok for tok, a, b in zip(doc.tokens.texts, doc.tokens.starts, doc.tokens.ends))
        for lo, hi in doc.ranges.values():
            norms = doc.norms[lo:hi]
            for matcher in (res.names, res.operations.matcher):
                assert matcher.find(norms) == _reference_find(matcher, norms)
