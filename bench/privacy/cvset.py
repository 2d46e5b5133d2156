"""The privacy development set: 61 fictitious candidates, each a CV laid out like a real one.

Every identity here is invented (names combined by the team; phone numbers from the ranges reserved
for fiction where the country has one: ARCEP 06 39 98 / 01 99 00, Ofcom 07700 900 / 020 7946 /
0113 496 / 0117 496 / 0141 496 / 029 2018, North-American 555-01xx; e-mails on example.* domains).
:func:`build_cv` turns a persona into a :class:`Cv` (what the layouts draw) and the list of
identifying items it contains, each with its type and the exact string as the CV writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from content import CITIES, TEMPLATES

# Layouts (see render.py): which real CV designs they copy.
#   pdf_classic        one column, name and contact line on top (Word/LaTeX classic), 2 pages, footer
#   pdf_sidebar_left   Canva-like: left sidebar (photo, contact, skills, languages) read first, name on top
#                      of the main column -> the name comes after the first column in reading order
#   pdf_sidebar_right  name, contact and skills in a right sidebar, experience on the left
#   pdf_banner         full-width banner, letter-spaced name, contact row with separators, two columns
#   pdf_two_line_name  first name and surname on two lines in a big font, sidebar on the left
#   pdf_smallcaps      name in small capitals (capital letters in two sizes), page header and footer
#   pdf_europass       labelled personal-information block (Nom / Prénom / Date de naissance ...)
#   docx_table         Word layout table: sidebar cell | main cell
#   docx_plain         Word headings and paragraphs, personal details at the end
#   docx_header_footer name in the page header, contact details in a small table, footer line
#   txt                plain text pasted from a job board profile
#   scan               the one-column or sidebar design printed and scanned (image PDF, read by OCR)

P = dict  # a persona: see the keys used in build_cv

# fmt: off
PERSONAS: list[dict[str, Any]] = [
    # ---------------------------------------------------------------- France
    P(id="fr01", t="dev_fr", level="mid", country="FR", layout="pdf_sidebar_left", first="Léa",
      last="Fontanel", display="Léa FONTANEL", email="lea.fontanel@example.com", phone="06 39 98 12 47",
      street="14 rue des Tanneurs", postcode="69003", city="Lyon",
      linkedin="linkedin.com/in/lea-fontanel-7b21", github="github.com/lfontanel", handle="lfontanel",
      signature="Léa Fontanel"),
    P(id="fr02", t="data_fr", level="student", country="FR", layout="pdf_sidebar_left", first="Inès",
      last="Belkacem", display="Inès Belkacem", email="ines.belkacem@etu.example.org",
      phone="+33 6 39 98 40 52", street="Résidence Les Érables, appt 214", postcode="38400",
      city="Saint-Égrève", age="22 ans", photo="Photo"),
    P(id="fr03", t="care_fr", level="mid", country="FR", layout="docx_table", first="Fatoumata",
      last="Diallo-Traoré", display="Fatoumata DIALLO-TRAORÉ", email="fatou.diallo@example.net",
      phone="06 39 98 77 03", street="5 allée des Peupliers", postcode="44300", city="Nantes",
      family="Mariée, 2 enfants", nationality="Nationalité : française"),
    P(id="fr04", t="elec_fr", level="junior", country="FR", layout="txt", first="Kévin", last="Le Goff",
      display="LE GOFF Kévin", email="kevin.legoff29@example.com", phone="0639981566",
      street="Lieu-dit Kerhuel", postcode="29510", city="Briec", age="26 ans"),
    P(id="fr05", t="nurse_fr", level="senior", country="FR", layout="pdf_classic", first="Jean-Baptiste",
      last="Kerbrat", display="Jean-Baptiste KERBRAT", email="jb.kerbrat@example.org",
      phone="+33 6 39 98 55 10", street="8 bis, boulevard Voltaire", postcode="35000", city="Rennes",
      birthdate="4 juillet 1979", birthplace="Quimper", footer=True),
    P(id="fr06", t="retail_fr", level="student", country="FR", layout="pdf_banner", first="Chloé",
      last="Marchetti", display="Chloé Marchetti", email="chloe.marchetti@example.com", phone="06 39 98 20 31",
      street="27 avenue de la Libération", postcode="13001", city="Marseille", age="20 ans",
      instagram="@chloe.marchetti"),
    P(id="fr07", t="sales_fr", level="senior", country="FR", layout="docx_plain", first="Thierry",
      last="de Villeneuve", display="Thierry de Villeneuve", email="t.devilleneuve@example.com",
      phone="+33 (0)6 39 98 71 02", street="3 place Bellecour", postcode="69002", city="Lyon",
      family="Marié, 3 enfants", birthdate="12/05/1971", nationality="Nationalité française",
      signature="T. de Villeneuve"),
    P(id="fr08", t="server_fr", level="junior", country="FR", layout="pdf_sidebar_right", first="Yanis",
      last="Haddad", display="Yanis HADDAD", email="yanis.haddad@example.net", phone="06.39.98.44.17",
      street="11 impasse des Lilas", postcode="31200", city="Toulouse", instagram="@yanishaddad"),
    P(id="fr09", t="cook_fr", level="senior", country="FR", layout="scan", first="Maëlle", last="Guérin",
      display="Maëlle Guérin", email="maelle.guerin@example.org", phone="06 39 98 90 64",
      street="21 rue du Château", postcode="33000", city="Bordeaux", age="41 ans"),
    P(id="fr10", t="logistics_fr", level="mid", country="FR", layout="txt", first="Mamadou", last="N'Diaye",
      display="Mamadou N'DIAYE", email="mamadou.ndiaye@example.com", phone="06 39 98 33 08",
      street="Bâtiment C, 2 rue Jean Moulin", postcode="59000", city="Lille", family="Célibataire",
      nationality="Nationalité : sénégalaise"),
    P(id="fr11", t="finance_fr", level="junior", country="FR", layout="pdf_europass", first="Aurélien",
      last="Rousset", display="Aurélien Rousset", email="aurelien.rousset@example.org", phone="01 99 00 47 21",
      street="45 cours Lafayette", postcode="69006", city="Lyon", birthdate="17/08/1997",
      nationality="Française", family="Pacsé", gender="Masculin"),
    P(id="fr12", t="hr_fr", level="mid", country="FR", layout="docx_header_footer", first="Sophie-Anne",
      last="Lemaire", display="Sophie-Anne LEMAIRE", email="sa.lemaire@example.com", phone="06 39 98 18 92",
      street="9 rue de la République", postcode="67000", city="Strasbourg",
      linkedin="linkedin.com/in/sophieanne-lemaire", footer=True),
    P(id="fr13", t="reception_fr", level="student", country="FR", layout="pdf_sidebar_left", first="Zoé",
      last="Lambert-Nguyen", display="Zoé LAMBERT-NGUYEN", email="zoe.lambertnguyen@example.org",
      phone="06 39 98 25 60", street="6 square Molière", postcode="34000", city="Montpellier",
      photo="Photo d'identité", age="19 ans"),
    P(id="fr14", t="eng_student_fr", level="student", country="FR", layout="pdf_two_line_name",
      first="Clémence", last="Aubert", display="Clémence AUBERT", email="clemence.aubert@etu.example.org",
      phone="06 39 98 64 11", street="18 rue Pasteur", postcode="31400", city="Toulouse",
      github="github.com/caubert-dev", handle="caubert-dev", site="clemence-aubert.fr", age="22 ans"),
    P(id="fr15", t="dev_fr", level="senior", country="FR", layout="pdf_smallcaps", first="Grégoire",
      last="Fabre-Dumas", display="Grégoire Fabre-Dumas", email="gregoire@fabredumas.dev",
      phone="+33 6 39 98 02 86", street="2 chemin des Vignes", postcode="38240", city="Meylan",
      site="gregoirefabredumas.dev", linkedin="linkedin.com/in/gfabredumas", footer=True),
    P(id="fr16", t="plumb_fr", level="mid", country="FR", layout="docx_table", first="Ahmed", last="Benali",
      display="Ahmed BENALI", email="ahmed.benali.pro@example.com", phone="06 39 98 61 29",
      street="7 chemin du Moulin", postcode="26000", city="Valence", age="38 ans", family="Marié, 2 enfants"),
    P(id="fr17", t="hr_fr", level="junior", country="FR", layout="pdf_sidebar_right", first="Anaïs",
      last="Morel", display="Anaïs Morel", email="anais.morel@example.net", phone="06 39 98 50 73",
      street="33 quai de la Fosse", postcode="44000", city="Nantes", birthdate="02/11/1998"),
    P(id="fr18", t="server_fr", level="student", country="FR", layout="scan", first="Hugo", last="Lefebvre",
      display="Hugo LEFEBVRE", email="hugo.lefebvre@example.com", phone="06 39 98 37 48",
      street="4 rue Nationale", postcode="59800", city="Lille", age="19 ans"),
    # ---------------------------------------------------------------- Belgium
    P(id="be01", t="dev_fr", level="mid", country="BE", layout="pdf_sidebar_left", first="Pieter",
      last="Van der Berghe", display="Pieter VAN DER BERGHE", email="pieter.vanderberghe@example.com",
      phone="+32 470 55 01 23", street="Rue de la Loi 155 bte 4", postcode="1040", city="Etterbeek",
      nationality="Nationalité : belge", linkedin="linkedin.com/in/pietervdberghe"),
    P(id="be02", t="care_fr", level="junior", country="BE", layout="txt", first="Amandine", last="Lejeune",
      display="Amandine Lejeune", email="amandine.lejeune@example.net", phone="0470/55.02.36",
      street="Avenue Louise 231", postcode="1050", city="Ixelles", birthdate="23/09/1998",
      family="Célibataire"),
    P(id="be03", t="finance_fr", level="senior", country="BE", layout="docx_plain", first="Olivier",
      last="Dewaele", display="Olivier DEWAELE", email="o.dewaele@example.com", phone="+32 2 555 03 48",
      street="Chaussée de Waterloo 1120", postcode="1180", city="Uccle", nationality="Nationalité : belge",
      family="Marié, 2 enfants"),
    P(id="be04", t="logistics_fr", level="mid", country="BE", layout="pdf_classic", first="Rachid",
      last="El Amrani", display="Rachid EL AMRANI", email="rachid.elamrani@example.org", phone="0485 55 04 19",
      street="Kerkstraat 12 bus 3", postcode="2000", city="Antwerpen"),
    # ---------------------------------------------------------------- Switzerland
    P(id="ch01", t="nurse_fr", level="mid", country="CH", layout="pdf_europass", first="Nathalie",
      last="Rochat", display="Nathalie Rochat", email="nathalie.rochat@example.ch", phone="+41 79 555 06 12",
      street="Rue du Rhône 48", postcode="1204", city="Genève", birthdate="3 mars 1985", nationality="Suisse",
      family="Mariée", photo="Photo"),
    P(id="ch02", t="dev_fr", level="senior", country="CH", layout="pdf_sidebar_left", first="Lukas",
      last="Meier-Rossi", display="Lukas MEIER-ROSSI", email="lukas@meier-rossi.ch", phone="+41 21 555 07 34",
      street="Chemin des Vignes 3", postcode="1009", city="Pully", site="meier-rossi.ch",
      linkedin="linkedin.com/in/lukasmeierrossi"),
    P(id="ch03", t="sales_fr", level="mid", country="CH", layout="docx_table", first="Séverine",
      last="Pythoud", display="Séverine Pythoud", email="severine.pythoud@example.com", phone="026 555 08 45",
      street="Route de Berne 12", postcode="1700", city="Fribourg", birthdate="19.04.1988",
      nationality="Nationalité : suisse", family="État civil : divorcée, 1 enfant"),
    P(id="ch04", t="cook_fr", level="junior", country="CH", layout="txt", first="Luca", last="Bernasconi",
      display="Luca Bernasconi", email="luca.bernasconi@example.net", phone="+41 (0)76 555 09 56",
      street="Bahnhofstrasse 21", postcode="8001", city="Zürich", age="24 ans"),
    # ---------------------------------------------------------------- Canada (French)
    P(id="ca01", t="dev_fr", level="senior", country="CA-fr", layout="pdf_classic", first="Marc-Antoine",
      last="Tremblay-Gagnon", display="Marc-Antoine Tremblay-Gagnon", email="ma.tremblaygagnon@example.com",
      phone="(514) 555-0142", street="1234, rue Notre-Dame Est, app. 5", postcode="H2L 1K1",
      city="Montréal (Québec)", site="marcantoinetremblaygagnon.ca", footer=True),
    P(id="ca02", t="care_fr", level="mid", country="CA-fr", layout="docx_plain", first="Geneviève",
      last="Bouchard", display="Geneviève Bouchard", email="genevieve.bouchard@example.org",
      phone="438 555-0177", street="4520, boul. Saint-Laurent", postcode="H2T 1R2", city="Montréal (Québec)"),
    P(id="ca03", t="retail_fr", level="junior", country="CA-fr", layout="pdf_sidebar_left", first="Émilie",
      last="Côté-Roy", display="Émilie CÔTÉ-ROY", email="emilie.coteroy@example.com", phone="819 555-0133",
      street="789, rue King Ouest", postcode="J1H 1R4", city="Sherbrooke (Québec)"),
    # ---------------------------------------------------------------- Canada (English)
    P(id="ca04", t="dev_en", level="senior", country="CA-en", layout="pdf_sidebar_right", first="Marc-Antoine",
      last="Tremblay-Gagnon", display="Marc-Antoine Tremblay-Gagnon", email="ma.tremblaygagnon@example.com",
      phone="+1 514-555-0142", street="1234 Notre-Dame Est", postcode="", city="Montreal, QC",
      site="marcantoinetremblaygagnon.ca", github="github.com/matg-dev", handle="matg-dev"),
    P(id="ca05", t="nurse_en", level="mid", country="CA-en", layout="txt", first="Priya", last="Raghunathan",
      display="Priya Raghunathan", email="priya.raghunathan@example.net", phone="416-555-0198",
      street="56 Queen Street West, Suite 1402", postcode="M5H 2M9", city="Toronto, ON"),
    P(id="ca06", t="warehouse_en", level="junior", country="CA-en", layout="docx_table", first="Tyler",
      last="MacDonald", display="Tyler MacDonald", email="tyler.macdonald@example.com", phone="(902) 555-0111",
      street="88 Barrington Street", postcode="B3J 1Y9", city="Halifax, NS"),
    # ---------------------------------------------------------------- United Kingdom
    P(id="uk01", t="care_en", level="mid", country="UK", layout="pdf_classic", first="Siobhan",
      last="O'Connell", display="Siobhan O'Connell", email="siobhan.oconnell@example.com",
      phone="07700 900123", street="Flat 3, 27 Kingsley Road", postcode="LS6 2AB", city="Leeds",
      birthdate="14/02/1990", nationality="Nationality: Irish"),
    P(id="uk02", t="elec_en", level="senior", country="UK", layout="docx_plain", first="Gareth",
      last="Pryce-Jones", display="Gareth PRYCE-JONES", email="gareth.prycejones@example.org",
      phone="029 2018 0456", street="12 Pen-y-Lan Road", postcode="CF24 3PF", city="Cardiff",
      family="Married, two children"),
    P(id="uk03", t="warehouse_en", level="mid", country="UK", layout="txt", first="Tomasz", last="Kowalczyk",
      display="Tomasz Kowalczyk", email="t.kowalczyk84@example.com", phone="+44 7700 900456",
      street="45 Victoria Street, Flat 2B", postcode="M1 4DW", city="Manchester",
      nationality="Nationality: Polish", age="39 years old"),
    P(id="uk04", t="chef_en", level="senior", country="UK", layout="pdf_sidebar_left", first="Harriet",
      last="Ashworth-Blake", display="Harriet Ashworth-Blake", email="harriet@ashworthblake.co.uk",
      phone="0117 496 0789", street="The Old Bakery, 5 Mill Lane", postcode="BS8 1QU", city="Bristol",
      instagram="@harrietcooks", site="ashworthblake.co.uk"),
    P(id="uk05", t="accountant_en", level="student", country="UK", layout="pdf_banner", first="Aisha",
      last="Rahman", display="Aisha Rahman", email="aisha.rahman@student.example.ac.uk", phone="07700 900789",
      street="Room 14, Ashfield Hall, 30 Oakfield Avenue", postcode="B15 2TT", city="Birmingham",
      linkedin="linkedin.com/in/aisharahman-acca"),
    P(id="uk06", t="data_en", level="mid", country="UK", layout="scan", first="Callum", last="Fraser",
      display="Callum Fraser", email="callum.fraser@example.com", phone="0141 496 0321",
      street="22 Dundas Street", postcode="G1 2AQ", city="Glasgow"),
    P(id="uk07", t="dev_en", level="junior", country="UK", layout="pdf_two_line_name", first="Oluwaseun",
      last="Adeyemi", display="Oluwaseun ADEYEMI", email="seun.adeyemi@example.com",
      phone="+44 (0)20 7946 0958", street="14 Brixton Hill", postcode="SW2 1RS", city="London",
      github="github.com/seun-adeyemi", handle="seun-adeyemi", site="seunadeyemi.dev"),
    # ---------------------------------------------------------------- United States
    P(id="us01", t="dev_en", level="mid", country="US", layout="pdf_classic", first="Daniel", last="Okafor",
      display="Daniel Okafor", email="daniel.okafor@example.com", phone="(217) 555-0123",
      street="742 Evergreen Terrace, Apt 2", postcode="62704", city="Springfield, IL",
      linkedin="linkedin.com/in/danielokafor", github="github.com/dokafor", handle="dokafor"),
    P(id="us02", t="nurse_en", level="senior", country="US", layout="docx_table", first="Maria Guadalupe",
      last="Hernández", display="Maria Guadalupe Hernández", email="mg.hernandez@example.net",
      phone="(202) 555-0187", street="1600 Pine Ave NW", postcode="20009", city="Washington, DC"),
    P(id="us03", t="retail_en", level="student", country="US", layout="txt", first="Brianna", last="Kowalski",
      display="Brianna Kowalski", email="bri.kowalski@example.com", phone="512.555.0166", street="PO Box 1187",
      postcode="78767", city="Austin, TX"),
    P(id="us04", t="account_en", level="senior", country="US", layout="pdf_sidebar_left", first="Jonathan",
      last="Whitaker", display="Jonathan R. Whitaker", email="jon.whitaker@example.com", phone="303-555-0144",
      street="2210 Lakeview Drive, Unit 3", postcode="80211", city="Denver, CO",
      linkedin="linkedin.com/in/jonathanrwhitaker"),
    P(id="us05", t="reception_en", level="junior", country="US", layout="docx_header_footer", first="Mai",
      last="Tran", display="Mai Tran", email="mai.tran@example.net", phone="(206) 555-0152",
      street="4417 Seaview Blvd", postcode="98107", city="Seattle, WA", footer=True),
    P(id="us06", t="chef_en", level="mid", country="US", layout="pdf_smallcaps", first="Rafael",
      last="Domínguez", display="Rafael Domínguez", email="rafa.dominguez@example.com",
      phone="+1 404 555 0175", street="1180 Peachtree St NE", postcode="30309", city="Atlanta, GA",
      footer=True),
    P(id="us07", t="data_en", level="senior", country="US", layout="scan", first="Emily", last="Chen-Watanabe",
      display="Emily Chen-Watanabe", email="emily.chenwatanabe@example.org", phone="(617) 555-0108",
      street="88 Harbor Street", postcode="02110", city="Boston, MA"),
    P(id="us08", t="warehouse_en", level="mid", country="US", layout="pdf_banner", first="DeShawn",
      last="Carter", display="DeShawn Carter", email="deshawn.carter@example.com", phone="773-555-0119",
      street="5521 South Halsted Street", postcode="60621", city="Chicago, IL"),
    # ------------------------------------------------ harder cases (added after the first round)
    P(id="fr19", t="data_fr", level="junior", country="FR", layout="pdf_sidebar_left", first="Ysolde",
      last="Quéméner", display="Ysolde QUÉMÉNER", email="cv.data2024@example.com",
      phone="+33 (0) 6 39 98 81 15", street="75 bd Haussmann", postcode="75008", city="PARIS",
      profile_extra="Je m'appelle Ysolde, j'ai 24 ans et je cherche un premier poste en data.",
      items=[{"type": "age", "value": "24 ans"}]),
    P(id="fr20", t="care_fr", level="mid", country="FR", layout="docx_plain", first="Nadège",
      last="Cazenave-Lartigue", display="Nadège CAZENAVE-LARTIGUE",
      email="nadege.cazenave [at] example [dot] com", phone="06-39-98-27-54",
      street="12, avenue du Général de Gaulle", postcode="64000", city="Pau",
      contact=["Tél. : 06-39-98-27-54 — Courriel : nadege.cazenave [at] example [dot] com", "12, avenue du Général de Gaulle, 64000 Pau"],
      personal=["Nom de naissance : Lartigue", "Née le 8 février 1982", "Mère de deux enfants"],
      items=[{"type": "birthdate", "value": "8 février 1982"}, {"type": "family", "value": "Mère de deux enfants"}, {"type": "name", "value": "Lartigue"}]),
    P(id="fr21", t="sales_fr", level="junior", country="FR", layout="txt", first="Dimitri", last="Bellance",
      display="Dimitri BELLANCE", email="dimitri.bellance@example.com", phone="+590 690 55 12 34",
      street="BP 45", postcode="97110", city="Pointe-à-Pitre",
      personal=["Double nationalité : française et haïtienne"],
      items=[{"type": "nationality", "value": "française et haïtienne"}]),
    P(id="fr22", t="dev_fr", level="student", country="FR", layout="pdf_banner", first="Théo",
      last="Nguyen Van Long", display="Théo NGUYEN VAN LONG", email="theo.nguyenvanlong@example.com",
      phone="06 39 98 70 26", street="Appartement 32, 5 rue Paul Bert", postcode="94200",
      city="Ivry-sur-Seine", personal=["Né le 30/04/2003 à Hô Chi Minh-Ville (Viêt Nam)", "21 ans"],
      items=[{"type": "birthdate", "value": "30/04/2003"}, {"type": "birthplace", "value": "Hô Chi Minh-Ville"}, {"type": "age", "value": "21 ans"}]),
    P(id="fr23", t="finance_fr", level="senior", country="FR", layout="scan", first="Bénédicte",
      last="Larcher", display="Bénédicte LARCHER", email="benedicte.larcher@example.org",
      phone="+33 1 99 00 58 12", street="18 rue de Rivoli", postcode="75004", city="Paris",
      personal=["Mariée, 3 enfants"], items=[{"type": "family", "value": "Mariée, 3 enfants"}]),
    P(id="fr24", t="cook_fr", level="mid", country="FR", layout="docx_header_footer", first="Karim",
      last="Bensaïd", display="M. Karim Bensaïd", email="k.bensaid@example.com", phone="06 39 98 94 02",
      street="7 place du Marché", postcode="13200", city="Arles",
      footer="Karim BENSAÏD — CV mis à jour en 2024", instagram="karim.cuisine"),
    P(id="ch05", t="reception_fr", level="mid", country="CH", layout="pdf_classic", first="Chiara",
      last="Vogt", display="Chiara Vogt", email="chiara.vogt@example.ch", phone="0041 91 555 07 77",
      street="Via Nassa 5", postcode="6900", city="Lugano",
      personal=["Date de naissance : 21.06.1993", "État civil : célibataire", "Permis de séjour B"],
      items=[{"type": "birthdate", "value": "21.06.1993"}, {"type": "family", "value": "célibataire"}]),
    P(id="be05", t="hr_fr", level="senior", country="BE", layout="docx_table", first="Wouter", last="De Smedt",
      display="Wouter DE SMEDT", email="wouter.desmedt@example.be", phone="+32 (0)3 555 01 99",
      street="Meir 45", postcode="2000", city="Antwerpen",
      personal=["Nationalité : belge", "Cohabitant légal"],
      items=[{"type": "nationality", "value": "belge"}, {"type": "family", "value": "Cohabitant légal"}]),
    P(id="ca07", t="logistics_fr", level="junior", country="CA-fr", layout="pdf_sidebar_right",
      first="Jean-Philippe", last="Ouellet", display="Jean-Philippe Ouellet", email="jp.ouellet@example.ca",
      phone="819-555-0166 poste 204", street="2-145, rue Principale", postcode="J8X 2A1", city="Gatineau (QC)"),
    P(id="ca08", t="accountant_en", level="mid", country="CA-en", layout="pdf_banner", first="Harpreet Kaur",
      last="Sandhu", display="Harpreet Kaur Sandhu", email="harpreet.sandhu@example.com",
      phone="+1 (416) 555-0134", street="Unit 1203, 88 Harbour Street", postcode="M5J 0B5",
      city="Toronto, Ontario", linkedin="www.linkedin.com/in/harpreet-sandhu-cpa"),
    P(id="uk08", t="nurse_en", level="mid", country="UK", layout="txt", first="Ngozi", last="Okonkwo-Bailey",
      display="Ngozi Okonkwo-Bailey", email="ngozi.ob@example.com", phone="+44 (0) 7700 900345",
      street="Flat 5B, Marlborough Court, Harrow Road", postcode="W9 3RB", city="London",
      personal=["DOB: 03/12/1988", "Nationality: British/Nigerian"],
      profile_extra="I am a 35-year-old nurse who loves emergency care.",
      items=[{"type": "birthdate", "value": "03/12/1988"}, {"type": "nationality", "value": "British/Nigerian"}, {"type": "age", "value": "35-year-old"}]),
    P(id="uk09", t="retail_en", level="junior", country="UK", layout="docx_header_footer", first="Connor",
      last="McAllister", display="Connor McAllister", email="connor.mcallister@example.com",
      phone="0131 496 0612", street="14 Rosebery Crescent", postcode="EH12 5JY", city="Edinburgh",
      personal=["Single, no children"], items=[{"type": "family", "value": "Single, no children"}]),
    P(id="us09", t="dev_en", level="senior", country="US", layout="pdf_two_line_name", first="Kwame",
      last="Asante-Boateng", display="Kwame ASANTE-BOATENG", email="kwame@example.dev",
      phone="+1 (417) 555-0148 ext. 12", street="123 N. Main St., Apt. 4B", postcode="65806",
      city="Springfield, MO", github="github.com/kasanteb", handle="kasanteb", site="https://kwame.dev/",
      instagram="@kwame_codes"),
    P(id="us10", t="nurse_en", level="senior", country="US", layout="pdf_smallcaps", first="Mary-Kate",
      last="O'Sullivan", display="Mary-Kate O'Sullivan", email="mk.osullivan@example.com",
      phone="208.555.0171", street="PO Box 2231", postcode="83701", city="Boise, ID",
      personal=["Married with three children"],
      items=[{"type": "family", "value": "Married with three children"}]),
]
# fmt: on


@dataclass
class Cv:
    """What a layout draws, and what the annotation says is in it."""

    id: str
    lang: str
    country: str
    sector: str
    level: str
    layout: str
    name: str  # as the header writes it
    first: str
    last: str
    title: str
    contact: list[str]  # contact lines (phone, e-mail, address lines, links)
    personal: list[str]  # "Née le ...", "Nationalité : ..." (may be empty)
    photo: str | None
    main: list[tuple[str, list[str]]]  # profile, experience, education, projects
    side: list[tuple[str, list[str]]]  # skills, languages, interests, licence
    footer: str | None
    signature: str | None
    street: str
    postcode: str
    city: str
    items: list[dict[str, str]] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)


_H = {
    "fr": {
        "profile": "Profil",
        "exp": "Expérience professionnelle",
        "edu": "Formation",
        "skills": "Compétences",
        "lang": "Langues",
        "int": "Centres d'intérêt",
        "licence": "Permis",
        "contact": "Contact",
        "projects": "Projets",
        "personal": "Informations personnelles",
        "ref": "Références",
    },
    "en": {
        "profile": "Profile",
        "exp": "Work Experience",
        "edu": "Education",
        "skills": "Skills",
        "lang": "Languages",
        "int": "Interests",
        "licence": "Driving licence",
        "contact": "Contact",
        "projects": "Projects",
        "personal": "Personal details",
        "ref": "References",
    },
}
_JOBS_BY_LEVEL = {"student": 1, "junior": 2, "mid": 2, "senior": 3}


def _personal_lines(p: dict[str, Any], lang: str) -> tuple[list[str], list[dict[str, str]]]:
    """The personal-details lines as a CV of this layout writes them, and their items."""
    lines: list[str] = []
    items: list[dict[str, str]] = []
    europass = p["layout"] == "pdf_europass"
    fr = lang == "fr"
    if "birthdate" in p:
        if europass:
            lines.append(f"Date de naissance : {p['birthdate']}")
        elif fr:
            born = "Née" if p["first"] in _FEMININE else "Né"
            place = f" à {p['birthplace']}" if "birthplace" in p else ""
            lines.append(f"{born} le {p['birthdate']}{place}")
        else:
            lines.append(f"Date of birth: {p['birthdate']}")
        items.append({"type": "birthdate", "value": p["birthdate"]})
        if "birthplace" in p:
            items.append({"type": "birthplace", "value": p["birthplace"]})
    if "nationality" in p:
        line = f"Nationalité : {p['nationality']}" if europass else p["nationality"]
        lines.append(line)
        value = p["nationality"].split(":")[-1].strip()
        value = value.removeprefix("Nationalité ").strip()
        # "Polish" is also a language of the CV: only the nationality line's occurrence counts
        items.append({"type": "nationality", "value": value, "in": line.replace(" : ", " ")})
    if "family" in p:
        lines.append(f"Situation familiale : {p['family']}" if europass else p["family"])
        value = p["family"].split(":")[-1].strip()
        items.append({"type": "family", "value": value})
    if "gender" in p:
        lines.append(f"Sexe : {p['gender']}")
        items.append({"type": "gender", "value": p["gender"]})
    # a bare age goes on one line with other details, as CVs do ("Française, 22 ans, permis B")
    if "age" in p:
        licence = TEMPLATES[p["t"]].licence
        lines.append(", ".join(x for x in (p["age"], licence) if x))
        items.append({"type": "age", "value": p["age"]})
    return lines, items


_FEMININE = {
    "Léa",
    "Inès",
    "Fatoumata",
    "Chloé",
    "Maëlle",
    "Sophie-Anne",
    "Zoé",
    "Clémence",
    "Anaïs",
    "Amandine",
    "Nathalie",
    "Séverine",
    "Geneviève",
    "Émilie",
    "Priya",
    "Siobhan",
    "Harriet",
    "Aisha",
    "Maria Guadalupe",
    "Brianna",
    "Mai",
    "Emily",
}


def build_cv(p: dict[str, Any]) -> Cv:
    t = TEMPLATES[p["t"]]
    lang, h = t.lang, _H[t.lang]
    cities = CITIES[p["country"]]
    seed = sum(map(ord, p["id"]))
    c = [cities[(seed + i) % len(cities)] for i in range(3)]
    fill = {"{c1}": c[0], "{c2}": c[1], "{c3}": c[2]}

    def city_of(x: str) -> str:
        return fill.get(x, x)

    items: list[dict[str, str]] = [
        {"type": "name", "value": w} for w in _name_words(p["first"]) + _name_words(p["last"])
    ]
    contact: list[str] = [p["phone"], p["email"]]
    phone = p["phone"].split(" ext.")[0].split(" poste")[0]
    items += [{"type": "phone", "value": phone}, {"type": "email", "value": p["email"]}]
    town = (
        f"{p['postcode']} {p['city']}"
        if p["country"] in {"FR", "BE", "CH"}
        else f"{p['city']} {p['postcode']}".strip()
    )
    contact += [p["street"], town] if p["layout"] in _TWO_LINE_ADDRESS else [f"{p['street']}, {town}"]
    items.append({"type": "address", "value": p["street"]})
    if p["postcode"]:
        items.append({"type": "postcode", "value": p["postcode"]})
    for key in ("linkedin", "github", "site"):
        if key in p:
            contact.append(p[key])
            items.append({"type": "url", "value": p[key]})
    if "instagram" in p:
        contact.append(f"Instagram : {p['instagram']}" if lang == "fr" else f"Instagram: {p['instagram']}")
        items.append({"type": "handle", "value": p["instagram"]})
    if "contact" in p:  # written otherwise ("Tél. : ... — Courriel : ..."); the same items
        contact = list(p["contact"])
    personal, personal_items = _personal_lines(p, lang)
    items += personal_items
    if "personal" in p:
        personal += p["personal"]
    items += p.get("items", [])
    photo = p.get("photo") if p["layout"] in _PHOTO_CAPTION else None
    if photo:
        items.append({"type": "photo", "value": photo})

    level = p["level"]
    title = t.titles.get(level) or next(iter(t.titles.values()))
    jobs = t.jobs[: _JOBS_BY_LEVEL[level]]
    exp_lines: list[str] = []
    keep: list[str] = list(t.skills) + list(t.keep_extra)
    for job in jobs:
        city = city_of(job.city)
        exp_lines.append(f"{job.dates}  {job.role} — {job.employer}, {city}")
        exp_lines += [f"• {b}" for b in job.bullets]
        keep += [job.employer, city]
    edu_lines = []
    for degree, school, city, years in t.education:
        city = city_of(city)
        edu_lines.append(
            f"{years}  {degree} — {school} de {city}"
            if lang == "fr"
            else f"{years}  {degree} — {school} of {city}"
        )
        keep += [degree, city]
    summary = f"{t.summary} {p['profile_extra']}" if "profile_extra" in p else t.summary
    main = [(h["profile"], [summary]), (h["exp"], exp_lines), (h["edu"], edu_lines)]
    if "handle" in p:  # designed CVs repeat the handle bare under projects
        label = "Projets personnels sur GitHub" if lang == "fr" else "Side projects on GitHub"
        main.append((h["projects"], [f"{label} : {p['handle']}/meteo-app, {p['handle']}/budget-cli"]))
        items.append({"type": "handle", "value": p["handle"]})
    side = [(h["skills"], list(t.skills)), (h["lang"], list(t.languages))]
    if t.interests:
        side.append((h["int"], list(t.interests)))
    if t.licence and "age" not in p:
        side.append((h["licence"], [t.licence]))
    if t.licence:
        keep.append(t.licence)
    footer = (
        p["footer"]
        if isinstance(p.get("footer"), str)
        else f"{p['first']} {p['last']} — CV"
        if p.get("footer")
        else None
    )
    signature = p.get("signature")
    return Cv(
        id=p["id"],
        lang=lang,
        country=p["country"],
        sector=t.sector,
        level=level,
        layout=p["layout"],
        name=p["display"],
        first=p["first"],
        last=p["last"],
        title=title,
        contact=contact,
        personal=personal,
        photo=photo,
        main=main,
        side=side,
        footer=footer,
        signature=signature,
        street=p["street"],
        postcode=p["postcode"],
        city=p["city"],
        items=_dedupe(items),
        keep=sorted(set(keep)),
    )


_PHOTO_CAPTION = {"pdf_sidebar_left", "pdf_sidebar_right", "pdf_two_line_name", "docx_table"}
_TWO_LINE_ADDRESS = {"pdf_sidebar_left", "pdf_sidebar_right", "pdf_two_line_name", "docx_table"}


_PARTICLES = {"de", "du", "des", "da", "di", "van", "von", "der", "den", "le", "la", "el", "ben"}


def _name_words(name: str) -> list[str]:
    """One item per word ("Harpreet", "Kaur"): a layout may set them apart. A surname with a
    particle stays whole ("de Villeneuve", "Van der Berghe", "Nguyen Van Long")."""
    words = name.split()
    return [name] if any(w.lower() in _PARTICLES for w in words) else words


def _dedupe(items: list[dict[str, str]]) -> list[dict[str, str]]:
    seen = set()
    out = []
    for item in items:
        key = (item["type"], item["value"], item.get("in"))
        if key not in seen and item["value"]:
            seen.add(key)
            out.append(item)
    return out


def all_cvs() -> list[Cv]:
    return [build_cv(p) for p in PERSONAS]
