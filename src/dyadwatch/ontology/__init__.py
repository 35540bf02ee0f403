"""Codes that give events their meaning: CAMEO, PLOVER, quad classes and countries."""

from dyadwatch.ontology.cameo import CameoCode, cameo_code, cameo_codes, quad_class_of_root
from dyadwatch.ontology.countries import Country, countries, country, to_iso3
from dyadwatch.ontology.plover import PloverCategory, plover_categories, plover_of

__all__ = [
    "CameoCode",
    "Country",
    "PloverCategory",
    "cameo_code",
    "cameo_codes",
    "countries",
    "country",
    "plover_categories",
    "plover_of",
    "quad_class_of_root",
    "to_iso3",
]
