"""Readers for the public event datasets, and the GDELT downloader."""

from dyadwatch.sources.registry import Reader, ReadPlan, get_reader, reader_names, register_reader

__all__ = ["ReadPlan", "Reader", "get_reader", "reader_names", "register_reader"]
