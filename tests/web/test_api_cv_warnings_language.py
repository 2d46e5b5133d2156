"""A CV's reading warnings reach the page in its language (they are stored in English)."""

from __future__ import annotations

import pytest

CV = "Camille, analyste de données. Python, SQL, Power BI, statistiques, tableaux de bord, reporting."


@pytest.mark.parametrize(
    ("lang", "warning"),
    [("fr", "Le fichier texte a été décodé en cp1252."), ("en", "The text file was decoded as cp1252.")],
)
def test_cv_warnings_in_the_page_language(client, lang, warning):
    client.raw.set_cookie("jobapp_lang", lang)
    uploaded = client.upload("/api/cv", CV.encode("cp1252"), "cv.txt")
    assert uploaded.status_code == 201
    assert uploaded.get_json()["warnings"] == [warning]
    assert client.get("/api/cv").get_json()["warnings"] == [warning]
