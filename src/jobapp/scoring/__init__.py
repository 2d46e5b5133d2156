"""Matching quality: the hybrid reranker, calibrated 0-100 % scores, ATS keyword coverage, metrics.

Entry points: :func:`jobapp.scoring.engine.rank_offers` (steps 5-6 of the pipeline),
:func:`jobapp.scoring.evaluate.evaluate_file` (``jobapp eval``) and
:data:`jobapp.scoring.calibration.DECISION_THRESHOLD` (the "match" cut-off). Nothing here imports
torch: embeddings and cross-encoder scores come in through injected callables.
"""
