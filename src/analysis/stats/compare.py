"""Compatibility module: the comparison functions under the module path that the root
package's lazy name map (``analysis._EXPORTS``) looks up. They live in
:mod:`analysis.stats.contrast`, :mod:`analysis.stats.docsim` and
:mod:`analysis.stats.topic_model`; import them from :mod:`analysis.stats`.
"""

from analysis.stats.contrast import KEYNESS_COLUMNS, KEYNESS_MEASURES, keyness, keyness_by
from analysis.stats.docsim import cluster_documents, document_map, similarity
from analysis.stats.topic_model import TopicModel, clause_topics

__all__ = [
    "KEYNESS_COLUMNS",
    "KEYNESS_MEASURES",
    "TopicModel",
    "clause_topics",
    "cluster_documents",
    "document_map",
    "keyness",
    "keyness_by",
    "similarity",
]
