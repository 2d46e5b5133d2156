"""The message catalogue: every key in English and French with the same placeholders, messages that
keep their key through storage, and English text read back into its key."""

from __future__ import annotations

import json
import pickle

import pytest

from jobapp.messages import (
    Message,
    catalogue,
    error_message,
    from_data,
    localise_text,
    msg,
    placeholders,
    recognise,
    render_data,
)


def test_both_languages_have_the_same_keys():
    assert set(catalogue("en")) == set(catalogue("fr"))
    assert all(catalogue("en").values()) and all(catalogue("fr").values())


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_every_message_has_the_same_placeholders_in_french(key):
    assert placeholders(catalogue("fr")[key]) == placeholders(catalogue("en")[key]), key


def test_an_unknown_key_is_refused_at_once():
    with pytest.raises(KeyError, match=r"no\.such"):
        msg("no.such")


def test_a_message_is_its_english_text_and_renders_in_french():
    done = msg("collect.source_done", kind=msg("source.paste"), new=2, merged=1)
    assert done == "pasted offer: 2 new offers, 1 already known"
    assert done.render("fr") == "offre collée : 2 nouvelles offres, 1 déjà connues"
    assert done.render("de") == done  # an unknown language reads English


def test_key_and_parameters_survive_json_and_pickle():
    finished = msg("run.step_finished", step=msg("step.rerank"), wall=1.5, summary=msg("ranking.fresh"))
    back = from_data(json.loads(json.dumps(finished.to_data())))
    assert back == finished and back.render("fr") == finished.render("fr")
    assert back.render("fr") == "Étape reclassement terminée en 1.50 s : classées."
    copy = pickle.loads(pickle.dumps(finished))
    assert isinstance(copy, Message) and copy.render("fr") == finished.render("fr")


def test_a_list_parameter_renders_each_item():
    line = msg("profile.done", title="Data analyst", skills=4, removed=[msg("pii.email", n=1)], note="x")
    assert "removed before any model saw it: 1 email address(es);" in line
    assert "1 adresse(s) e-mail" in from_data(line.to_data()).render("fr")


def test_english_text_without_its_key_is_recognised():
    stored = str(msg("cv.two_columns", pages="1, 2"))  # as a CV's warnings are kept in the database
    found = recognise(stored)
    assert isinstance(found, Message) and found.key == "cv.two_columns"
    assert (
        localise_text(stored, "fr") == "Mise en page sur deux colonnes lue colonne par colonne, page(s) 1, 2."
    )
    assert recognise("Some sentence of no catalogue") == "Some sentence of no catalogue"
    assert localise_text("hellowork: 3 offer(s)", "fr") == "hellowork: 3 offer(s)"


def test_text_read_back_keeps_formatted_numbers():
    stored = str(
        msg("run.step_finished", step=msg("step.convert"), wall=0.123, summary=msg("run.items", n=3))
    )
    found = recognise(stored)
    assert found == stored
    assert found.render("fr") == "Étape conversion terminée en 0.12 s : 3 élément(s)."
    assert from_data(json.loads(json.dumps(found.to_data()))).render("fr") == found.render("fr")


def test_render_data_falls_back_to_the_text_for_old_rows_and_removed_keys():
    assert render_data(None, "Run finished.", "fr") == "Exécution terminée."
    assert render_data({"key": "gone.key", "params": {}}, "Something old", "fr") == "Something old"
    assert render_data(msg("run.finished").to_data(), "ignored", "fr") == "Exécution terminée."


def test_an_error_built_from_messages_stays_a_message():
    from jobapp.errors import InvalidInput

    error = InvalidInput(msg("collect.none_collected"), hint=msg("collect.see_log"))
    text = error_message(error)
    assert isinstance(text, Message) and text == str(error)
    assert text.render("fr").startswith("Aucune offre n'a pu être collectée. Le journal")
    plain = InvalidInput("Bad thing.", hint="Do this.")
    assert error_message(plain) == "Bad thing. Do this." and not isinstance(error_message(plain), Message)
