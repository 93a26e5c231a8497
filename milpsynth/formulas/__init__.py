"""Algebra as data: formulas parsed (`parse`), found in prose (`find`), typed by their shape and fitted
to the 13 templates (`shape`, `fit`). Nothing here evaluates text."""
