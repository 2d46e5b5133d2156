"""What the CVs of the privacy set say besides identity: one template per occupation and language.

Written by the team after real CVs of these trades (wording, section names, level of detail), with
invented employers where a real one would not matter. ``{c1}``, ``{c2}``, ``{c3}`` are the cities of
past jobs and schools, filled from the candidate's country: they must survive anonymisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    role: str
    employer: str
    city: str  # "{c1}"...
    dates: str
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    key: str
    lang: str
    sector: str
    titles: dict[str, str]  # level -> headline
    summary: str
    jobs: tuple[Job, ...]
    education: tuple[tuple[str, str, str, str], ...]  # (degree, school, city, years)
    skills: tuple[str, ...]
    languages: tuple[str, ...]
    interests: tuple[str, ...] = ()
    licence: str = ""
    keep_extra: tuple[str, ...] = field(default=())  # other words that must survive


T = Template
J = Job

TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in [
        T(
            "dev_fr",
            "fr",
            "it",
            {
                "student": "Étudiant en BUT Informatique — recherche alternance développeur web",
                "junior": "Développeur web junior",
                "mid": "Développeur Full Stack",
                "senior": "Lead développeur backend",
            },
            "Développeur passionné par les architectures web robustes, habitué aux méthodes agiles et au travail en équipe.",
            (
                J(
                    "Développeur backend",
                    "Technopole Solutions",
                    "{c1}",
                    "2021 - 2024",
                    (
                        "Conception d'API REST en Python et Django, bases PostgreSQL",
                        "Mise en place de l'intégration continue avec GitLab CI et Docker",
                    ),
                ),
                J(
                    "Développeur Full Stack",
                    "Atelier Numérique",
                    "{c2}",
                    "2018 - 2021",
                    (
                        "Applications React et Node.js pour des clients du secteur public",
                        "Tests automatisés avec Jest",
                    ),
                ),
                J(
                    "Stagiaire développeur",
                    "Agence Pixel",
                    "{c1}",
                    "2017 (6 mois)",
                    ("Intégration de maquettes en HTML, CSS et JavaScript",),
                ),
            ),
            (
                ("Master Informatique", "Université", "{c1}", "2016 - 2018"),
                ("Licence Informatique", "Université", "{c2}", "2013 - 2016"),
            ),
            ("Python", "Django", "PostgreSQL", "Docker", "React", "Node.js", "Git", "Linux", "Kubernetes"),
            ("Anglais : courant (TOEIC 890)", "Espagnol : notions"),
            ("Escalade", "Contributions open source"),
            "Permis B",
        ),
        T(
            "data_fr",
            "fr",
            "it",
            {
                "student": "Étudiante en master data science",
                "junior": "Data analyst junior",
                "mid": "Data analyst",
                "senior": "Responsable data et BI",
            },
            "Analyste de données orientée métier : tableaux de bord, modèles prédictifs et accompagnement des équipes.",
            (
                J(
                    "Data analyst",
                    "Groupe Hexa Distribution",
                    "{c1}",
                    "2020 - 2024",
                    (
                        "Tableaux de bord Power BI pour la direction commerciale",
                        "Requêtes SQL et scripts Python (pandas)",
                    ),
                ),
                J(
                    "Chargée d'études statistiques",
                    "Institut Sondages et Marchés",
                    "{c2}",
                    "2017 - 2020",
                    ("Analyses sous R et SAS, segmentation clients",),
                ),
                J(
                    "Stage analyste",
                    "Banque Coopérative",
                    "{c1}",
                    "2016 (6 mois)",
                    ("Automatisation de reportings Excel VBA",),
                ),
            ),
            (
                ("Master Statistique et science des données", "Université", "{c1}", "2015 - 2017"),
                ("Licence Mathématiques appliquées", "Université", "{c2}", "2012 - 2015"),
            ),
            ("SQL", "Python", "Power BI", "Excel", "R", "SAS", "Tableau", "Machine learning"),
            ("Anglais : professionnel", "Allemand : intermédiaire"),
            ("Course à pied", "Photographie"),
            "",
        ),
        T(
            "care_fr",
            "fr",
            "care",
            {
                "student": "Élève aide-soignante",
                "junior": "Aide-soignante diplômée",
                "mid": "Aide-soignante",
                "senior": "Aide-soignante référente",
            },
            "Aide-soignante attentive au confort et à la dignité des résidents, à l'aise en EHPAD comme à domicile.",
            (
                J(
                    "Aide-soignante",
                    "EHPAD Les Tilleuls",
                    "{c1}",
                    "2019 - 2024",
                    (
                        "Soins d'hygiène et de confort, aide aux repas",
                        "Transmissions ciblées et suivi des constantes",
                    ),
                ),
                J(
                    "Agent de service hospitalier",
                    "Centre hospitalier",
                    "{c2}",
                    "2016 - 2019",
                    ("Bionettoyage des chambres, respect des protocoles d'hygiène",),
                ),
                J(
                    "Auxiliaire de vie",
                    "Association d'aide à domicile",
                    "{c1}",
                    "2014 - 2016",
                    ("Accompagnement de personnes âgées à domicile",),
                ),
            ),
            (("Diplôme d'État d'aide-soignant (DEAS)", "IFAS", "{c2}", "2016"),),
            (
                "Soins d'hygiène",
                "Prévention des escarres",
                "Gestes et soins d'urgence (AFGSU 2)",
                "Transmissions ciblées",
                "Bientraitance",
            ),
            ("Anglais : notions",),
            ("Chant choral", "Randonnée"),
            "Permis B, véhicule personnel",
        ),
        T(
            "nurse_fr",
            "fr",
            "care",
            {
                "junior": "Infirmier diplômé d'État",
                "mid": "Infirmier en soins généraux",
                "senior": "Infirmier coordinateur",
            },
            "Infirmier polyvalent, expérience en médecine, chirurgie et urgences.",
            (
                J(
                    "Infirmier",
                    "Hôpital Saint-Louis",
                    "{c1}",
                    "2018 - 2024",
                    (
                        "Préparation et administration des traitements",
                        "Pansements complexes, pose de perfusions",
                    ),
                ),
                J(
                    "Infirmier intérimaire",
                    "Agence Médical Intérim",
                    "{c2}",
                    "2016 - 2018",
                    ("Remplacements en services de médecine",),
                ),
            ),
            (("Diplôme d'État d'infirmier", "IFSI", "{c1}", "2013 - 2016"),),
            (
                "Soins infirmiers",
                "Gestion de la douleur",
                "Dossier patient informatisé",
                "AFGSU 2",
                "Hygiène hospitalière",
            ),
            ("Anglais : intermédiaire",),
            ("Natation",),
            "Permis B",
        ),
        T(
            "elec_fr",
            "fr",
            "trades",
            {
                "student": "Apprenti électricien — CAP",
                "junior": "Électricien",
                "mid": "Électricien bâtiment",
                "senior": "Chef d'équipe électricien",
            },
            "Électricien rigoureux, habilitations à jour, chantiers neufs et rénovation.",
            (
                J(
                    "Électricien",
                    "Bâti-Élec Services",
                    "{c1}",
                    "2017 - 2024",
                    (
                        "Pose de tableaux électriques et de chemins de câbles",
                        "Mise en conformité NF C 15-100",
                    ),
                ),
                J(
                    "Apprenti électricien",
                    "Entreprise Martinon Frères",
                    "{c2}",
                    "2015 - 2017",
                    ("Tirage de câbles, raccordements",),
                ),
            ),
            (
                ("CAP Électricien", "CFA du Bâtiment", "{c2}", "2015 - 2017"),
                ("Bac pro MELEC", "Lycée professionnel", "{c1}", "2017"),
            ),
            (
                "Habilitation électrique B2V BR",
                "Lecture de plans",
                "Domotique",
                "NF C 15-100",
                "Courants faibles",
            ),
            ("Anglais : notions",),
            ("Football", "Bricolage"),
            "Permis B et BE",
        ),
        T(
            "plumb_fr",
            "fr",
            "trades",
            {
                "junior": "Plombier chauffagiste",
                "mid": "Plombier chauffagiste",
                "senior": "Plombier chauffagiste — artisan",
            },
            "Installation et dépannage sanitaire et chauffage, relation client soignée.",
            (
                J(
                    "Plombier chauffagiste",
                    "Thermo Confort",
                    "{c1}",
                    "2016 - 2024",
                    (
                        "Installation de chaudières à condensation et de pompes à chaleur",
                        "Dépannage et entretien",
                    ),
                ),
                J(
                    "Aide plombier",
                    "SARL Eaux et Sanitaires",
                    "{c2}",
                    "2013 - 2016",
                    ("Pose de sanitaires, soudure cuivre",),
                ),
            ),
            (("CAP Monteur en installations thermiques", "CFA", "{c2}", "2013"),),
            (
                "Soudure",
                "Pompes à chaleur",
                "Attestation de capacité fluides frigorigènes",
                "Dépannage chaudière",
                "Lecture de plans",
            ),
            (),
            ("Pêche",),
            "Permis B",
        ),
        T(
            "retail_fr",
            "fr",
            "sales",
            {
                "student": "Étudiante en BTS MCO — vendeuse à temps partiel",
                "junior": "Vendeuse en prêt-à-porter",
                "mid": "Conseillère de vente",
                "senior": "Responsable de magasin",
            },
            "Conseillère de vente souriante, sens du service et goût du challenge commercial.",
            (
                J(
                    "Conseillère de vente",
                    "Boutique Mode & Co",
                    "{c1}",
                    "2020 - 2024",
                    ("Accueil et conseil client, encaissement", "Mise en rayon et merchandising"),
                ),
                J(
                    "Hôtesse de caisse",
                    "Hypermarché du Centre",
                    "{c2}",
                    "2018 - 2020",
                    ("Tenue de caisse, fidélisation",),
                ),
            ),
            (("BTS Management commercial opérationnel (MCO)", "Lycée", "{c1}", "2018 - 2020"),),
            ("Vente conseil", "Encaissement", "Merchandising", "Gestion des stocks", "Excel"),
            ("Anglais : intermédiaire",),
            ("Danse", "Mode"),
            "",
        ),
        T(
            "sales_fr",
            "fr",
            "sales",
            {
                "junior": "Commercial B2B junior",
                "mid": "Ingénieur commercial",
                "senior": "Directeur des ventes régional",
            },
            "Commercial terrain orienté résultats, prospection et négociation grands comptes.",
            (
                J(
                    "Ingénieur commercial",
                    "Solutions Industrielles Ouest",
                    "{c1}",
                    "2019 - 2024",
                    (
                        "Prospection et développement d'un portefeuille de 80 clients",
                        "Négociation et suivi sous Salesforce",
                    ),
                ),
                J(
                    "Technico-commercial",
                    "Distrib Pro",
                    "{c2}",
                    "2015 - 2019",
                    ("Vente de solutions d'outillage aux artisans",),
                ),
            ),
            (("Master Management commercial", "École de commerce", "{c1}", "2013 - 2015"),),
            ("Prospection", "Négociation", "Salesforce", "CRM", "Gestion de grands comptes", "Excel"),
            ("Anglais : courant",),
            ("Tennis",),
            "Permis B",
        ),
        T(
            "server_fr",
            "fr",
            "hospitality",
            {
                "student": "Étudiant — serveur en extra",
                "junior": "Serveur",
                "mid": "Chef de rang",
                "senior": "Maître d'hôtel",
            },
            "Service en salle dynamique, connaissance des vins et du service à l'assiette.",
            (
                J(
                    "Chef de rang",
                    "Brasserie du Port",
                    "{c1}",
                    "2019 - 2024",
                    ("Service midi et soir, 120 couverts", "Encaissement et tenue de caisse"),
                ),
                J(
                    "Serveur saisonnier",
                    "Hôtel des Pins",
                    "{c2}",
                    "2017 - 2019",
                    ("Service petit-déjeuner et terrasse",),
                ),
            ),
            (
                (
                    "CAP Commercialisation et services en hôtel-café-restaurant",
                    "Lycée hôtelier",
                    "{c2}",
                    "2017",
                ),
            ),
            ("Service à l'assiette", "Accords mets et vins", "Encaissement", "HACCP", "Accueil client"),
            ("Anglais : courant", "Italien : notions"),
            ("Cuisine du monde",),
            "",
        ),
        T(
            "cook_fr",
            "fr",
            "hospitality",
            {"junior": "Commis de cuisine", "mid": "Cuisinier", "senior": "Chef de cuisine"},
            "Cuisinier créatif, produits frais et de saison, maîtrise des normes HACCP.",
            (
                J(
                    "Cuisinier",
                    "Restaurant Le Comptoir",
                    "{c1}",
                    "2018 - 2024",
                    ("Préparation des entrées et plats chauds", "Gestion des commandes fournisseurs"),
                ),
                J(
                    "Commis de cuisine",
                    "Traiteur Saveurs",
                    "{c2}",
                    "2015 - 2018",
                    ("Mise en place, préparations froides",),
                ),
            ),
            (("CAP Cuisine", "Lycée hôtelier", "{c2}", "2015"),),
            ("HACCP", "Cuisine traditionnelle", "Pâtisserie", "Gestion des stocks", "Fiches techniques"),
            (),
            ("Jardinage",),
            "Permis B",
        ),
        T(
            "logistics_fr",
            "fr",
            "logistics",
            {
                "junior": "Préparateur de commandes",
                "mid": "Cariste CACES 1, 3, 5",
                "senior": "Chef d'équipe logistique",
            },
            "Cariste expérimenté, respect des cadences et des règles de sécurité.",
            (
                J(
                    "Cariste",
                    "Plateforme Logistique Nord",
                    "{c1}",
                    "2017 - 2024",
                    ("Chargement et déchargement de camions", "Gestion des stocks sur WMS, inventaires"),
                ),
                J(
                    "Préparateur de commandes",
                    "Entrepôt Express",
                    "{c2}",
                    "2014 - 2017",
                    ("Préparation au scanner et à la commande vocale",),
                ),
            ),
            (("CACES R489 catégories 1, 3 et 5", "AFPA", "{c2}", "2014"),),
            ("CACES R489", "Préparation de commandes", "WMS", "Inventaire", "Gestes et postures"),
            (),
            ("Vélo",),
            "Permis B",
        ),
        T(
            "finance_fr",
            "fr",
            "finance",
            {
                "student": "Étudiant en DCG — alternance en cabinet comptable",
                "junior": "Comptable",
                "mid": "Comptable général",
                "senior": "Responsable comptable et financier",
            },
            "Comptable rigoureux : clôtures mensuelles, déclarations fiscales et contrôle de gestion.",
            (
                J(
                    "Comptable général",
                    "Cabinet Audit Conseil",
                    "{c1}",
                    "2018 - 2024",
                    (
                        "Tenue de la comptabilité de 40 dossiers sur Sage et Cegid",
                        "Déclarations de TVA et liasses fiscales",
                    ),
                ),
                J(
                    "Assistant comptable",
                    "Groupe Industriel Rhodanien",
                    "{c2}",
                    "2015 - 2018",
                    ("Saisie et lettrage, rapprochements bancaires",),
                ),
            ),
            (("DSCG", "Institut de gestion", "{c1}", "2015 - 2017"), ("DCG", "Lycée", "{c2}", "2012 - 2015")),
            ("Sage", "Cegid", "Excel", "Clôtures mensuelles", "Fiscalité", "Consolidation", "SAP"),
            ("Anglais : professionnel",),
            ("Échecs",),
            "",
        ),
        T(
            "hr_fr",
            "fr",
            "hr",
            {
                "junior": "Assistante ressources humaines",
                "mid": "Chargée de recrutement",
                "senior": "Responsable RH",
            },
            "Chargée RH généraliste : recrutement, administration du personnel et paie.",
            (
                J(
                    "Chargée de recrutement",
                    "Cabinet Talents",
                    "{c1}",
                    "2019 - 2024",
                    ("Sourcing sur LinkedIn Recruiter, entretiens", "Suivi des candidatures dans l'ATS"),
                ),
                J(
                    "Assistante RH",
                    "Industries Mécaniques",
                    "{c2}",
                    "2016 - 2019",
                    ("Contrats de travail, DPAE, préparation de la paie",),
                ),
            ),
            (("Master Gestion des ressources humaines", "IAE", "{c1}", "2014 - 2016"),),
            ("Recrutement", "Paie", "Droit du travail", "SIRH", "Excel", "Entretiens annuels"),
            ("Anglais : courant",),
            ("Théâtre",),
            "",
        ),
        T(
            "reception_fr",
            "fr",
            "hospitality",
            {
                "student": "Étudiante en BTS Tourisme",
                "junior": "Réceptionniste",
                "mid": "Réceptionniste de nuit",
                "senior": "Chef de réception",
            },
            "Réceptionniste trilingue, accueil chaleureux et gestion des réservations.",
            (
                J(
                    "Réceptionniste",
                    "Hôtel du Lac",
                    "{c1}",
                    "2019 - 2024",
                    ("Check-in et check-out sur Opera", "Gestion des réservations et des réclamations"),
                ),
                J(
                    "Agent d'accueil",
                    "Office de tourisme",
                    "{c2}",
                    "2017 - 2019",
                    ("Accueil et information des visiteurs",),
                ),
            ),
            (("BTS Tourisme", "Lycée", "{c2}", "2015 - 2017"),),
            (
                "Opera PMS",
                "Accueil client",
                "Gestion des réservations",
                "Encaissement",
                "Booking.com extranet",
            ),
            ("Anglais : courant", "Allemand : courant"),
            ("Voyages",),
            "",
        ),
        T(
            "eng_student_fr",
            "fr",
            "it",
            {"student": "Élève ingénieure — recherche stage de fin d'études (6 mois)"},
            "Élève ingénieure en systèmes embarqués, curieuse et autonome.",
            (
                J(
                    "Stage ingénieure",
                    "Aéro Systèmes",
                    "{c1}",
                    "Juin - août 2023",
                    (
                        "Développement de drivers en C sur microcontrôleur STM32",
                        "Tests unitaires et intégration continue",
                    ),
                ),
                J(
                    "Équipière polyvalente",
                    "Restauration rapide",
                    "{c2}",
                    "2021 - 2022 (week-ends)",
                    ("Service et caisse",),
                ),
            ),
            (
                ("Diplôme d'ingénieur, systèmes embarqués", "École d'ingénieurs", "{c1}", "2021 - 2024"),
                ("Classes préparatoires MPSI / MP", "Lycée", "{c2}", "2019 - 2021"),
            ),
            ("C", "C++", "Python", "STM32", "FreeRTOS", "Linux embarqué", "MATLAB"),
            ("Anglais : C1", "Espagnol : B1"),
            ("Robotique", "Volley-ball"),
            "Permis B",
        ),
        # English
        T(
            "dev_en",
            "en",
            "it",
            {
                "student": "Computer Science student seeking a summer internship",
                "junior": "Junior Software Engineer",
                "mid": "Software Engineer",
                "senior": "Senior Backend Engineer",
            },
            "Backend engineer who enjoys clean APIs, reliable pipelines and mentoring.",
            (
                J(
                    "Software Engineer",
                    "Northwind Analytics",
                    "{c1}",
                    "2020 - 2024",
                    (
                        "Built Go and Python microservices on AWS",
                        "Led the migration to Kubernetes and Terraform",
                    ),
                ),
                J(
                    "Junior Developer",
                    "Brightside Digital",
                    "{c2}",
                    "2018 - 2020",
                    ("TypeScript and React front ends",),
                ),
                J("Intern", "Civic Apps Lab", "{c1}", "Summer 2017", ("Automated tests with pytest",)),
            ),
            (("BSc Computer Science", "University", "{c1}", "2014 - 2018"),),
            ("Python", "Go", "AWS", "Kubernetes", "Terraform", "PostgreSQL", "React", "TypeScript", "CI/CD"),
            ("English (native)", "French (intermediate)"),
            ("Cycling", "Board games"),
            "",
        ),
        T(
            "data_en",
            "en",
            "it",
            {"junior": "Graduate Data Analyst", "mid": "Data Scientist", "senior": "Lead Data Scientist"},
            "Data scientist turning messy data into forecasts and decisions.",
            (
                J(
                    "Data Scientist",
                    "Harbour Insurance Group",
                    "{c1}",
                    "2019 - 2024",
                    (
                        "Churn models in Python (scikit-learn, XGBoost)",
                        "Dashboards in Tableau for underwriting",
                    ),
                ),
                J(
                    "Data Analyst",
                    "Metro Transit Authority",
                    "{c2}",
                    "2016 - 2019",
                    ("SQL reporting and A/B testing",),
                ),
            ),
            (
                ("MSc Data Science", "University", "{c1}", "2015 - 2016"),
                ("BSc Mathematics", "University", "{c2}", "2012 - 2015"),
            ),
            ("Python", "SQL", "scikit-learn", "XGBoost", "Tableau", "Spark", "Statistics", "Excel"),
            ("English (native)", "Spanish (conversational)"),
            ("Running",),
            "",
        ),
        T(
            "care_en",
            "en",
            "care",
            {"junior": "Care Assistant", "mid": "Senior Care Worker", "senior": "Care Team Leader"},
            "Compassionate carer with experience in residential and domiciliary care.",
            (
                J(
                    "Senior Care Worker",
                    "Meadowbank Care Home",
                    "{c1}",
                    "2018 - 2024",
                    ("Personal care, medication administration (MAR charts)", "Care plans and handovers"),
                ),
                J(
                    "Home Carer",
                    "Helping Hands Community Care",
                    "{c2}",
                    "2015 - 2018",
                    ("Domiciliary visits, companionship",),
                ),
            ),
            (("NVQ Level 3 Health and Social Care", "College", "{c2}", "2017"),),
            (
                "Personal care",
                "Medication administration",
                "Moving and handling",
                "Safeguarding",
                "First aid",
                "Dementia care",
            ),
            ("English (native)",),
            ("Baking", "Walking"),
            "Full UK driving licence",
        ),
        T(
            "nurse_en",
            "en",
            "care",
            {"junior": "Newly Qualified Nurse", "mid": "Registered Nurse", "senior": "Charge Nurse"},
            "Registered nurse with acute medical and emergency experience.",
            (
                J(
                    "Registered Nurse",
                    "St Mary's General Hospital",
                    "{c1}",
                    "2017 - 2024",
                    (
                        "Triage and acute care in the emergency department",
                        "IV therapy, wound care, patient education",
                    ),
                ),
                J(
                    "Healthcare Assistant",
                    "Riverside Clinic",
                    "{c2}",
                    "2014 - 2017",
                    ("Observations and patient support",),
                ),
            ),
            (("BSc (Hons) Adult Nursing", "University", "{c1}", "2014 - 2017"),),
            ("Triage", "IV therapy", "Wound care", "BLS", "ACLS", "Electronic health records"),
            ("English (native)", "French (basic)"),
            ("Swimming",),
            "",
        ),
        T(
            "elec_en",
            "en",
            "trades",
            {
                "junior": "Apprentice Electrician",
                "mid": "Qualified Electrician",
                "senior": "Electrical Supervisor",
            },
            "Qualified electrician, domestic and commercial installations, testing and inspection.",
            (
                J(
                    "Electrician",
                    "Sparkwell Electrical Ltd",
                    "{c1}",
                    "2016 - 2024",
                    (
                        "Rewires, consumer unit upgrades, EV charger installs",
                        "Testing and inspection, EICR reports",
                    ),
                ),
                J(
                    "Apprentice Electrician",
                    "Brooks & Sons Contractors",
                    "{c2}",
                    "2012 - 2016",
                    ("Containment and cable pulling",),
                ),
            ),
            (
                ("City & Guilds 2365 Level 3", "College", "{c2}", "2014"),
                ("18th Edition BS 7671", "Training centre", "{c1}", "2019"),
            ),
            ("BS 7671", "Testing and inspection", "EV charger installation", "Fault finding", "AutoCAD"),
            ("English (native)",),
            ("Fishing",),
            "Full UK driving licence, CSCS card",
        ),
        T(
            "retail_en",
            "en",
            "sales",
            {
                "student": "Student — part-time Sales Associate",
                "junior": "Sales Associate",
                "mid": "Assistant Store Manager",
                "senior": "Store Manager",
            },
            "Customer-focused retail professional with strong visual merchandising skills.",
            (
                J(
                    "Assistant Store Manager",
                    "Urban Outfit Co.",
                    "{c1}",
                    "2019 - 2024",
                    ("Managed a team of 12 associates", "Inventory control and visual merchandising"),
                ),
                J(
                    "Sales Associate",
                    "Maple Home Goods",
                    "{c2}",
                    "2016 - 2019",
                    ("POS transactions and customer service",),
                ),
            ),
            (("Associate Degree in Business", "Community College", "{c2}", "2014 - 2016"),),
            ("Customer service", "Visual merchandising", "POS systems", "Inventory control", "Excel"),
            ("English (native)", "Spanish (fluent)"),
            ("Yoga",),
            "",
        ),
        T(
            "account_en",
            "en",
            "sales",
            {
                "junior": "Sales Development Representative",
                "mid": "Account Manager",
                "senior": "Regional Sales Director",
            },
            "B2B account manager with a record of exceeding quota in SaaS sales.",
            (
                J(
                    "Account Manager",
                    "CloudLedger Inc.",
                    "{c1}",
                    "2019 - 2024",
                    ("Managed 60 mid-market accounts, 118% of quota", "Pipeline management in HubSpot"),
                ),
                J(
                    "Sales Development Representative",
                    "Pinnacle Software",
                    "{c2}",
                    "2017 - 2019",
                    ("Outbound prospecting",),
                ),
            ),
            (("BA Business Administration", "University", "{c2}", "2013 - 2017"),),
            ("B2B sales", "Negotiation", "HubSpot", "Salesforce", "Account management", "Forecasting"),
            ("English (native)",),
            ("Golf",),
            "",
        ),
        T(
            "chef_en",
            "en",
            "hospitality",
            {"junior": "Commis Chef", "mid": "Chef de Partie", "senior": "Head Chef"},
            "Chef with fine-dining and high-volume experience, food safety level 3.",
            (
                J(
                    "Chef de Partie",
                    "The Harbour Kitchen",
                    "{c1}",
                    "2018 - 2024",
                    ("Ran the sauce section for 150 covers", "Menu costing and ordering"),
                ),
                J("Commis Chef", "Grand Central Hotel", "{c2}", "2015 - 2018", ("Prep and pastry support",)),
            ),
            (("Level 3 Diploma in Professional Cookery", "Catering College", "{c2}", "2015"),),
            ("Food safety level 3", "Menu costing", "Pastry", "Stock control", "HACCP"),
            ("English (native)", "Italian (basic)"),
            ("Foraging",),
            "",
        ),
        T(
            "warehouse_en",
            "en",
            "logistics",
            {
                "junior": "Warehouse Operative",
                "mid": "Forklift Operator",
                "senior": "Warehouse Shift Supervisor",
            },
            "Reliable warehouse operative, counterbalance and reach truck licences.",
            (
                J(
                    "Forklift Operator",
                    "Swift Distribution Centre",
                    "{c1}",
                    "2017 - 2024",
                    ("Loading and unloading trailers", "Stock rotation and cycle counts on SAP"),
                ),
                J(
                    "Picker Packer",
                    "Online Retail Fulfilment",
                    "{c2}",
                    "2014 - 2017",
                    ("Order picking with RF scanners",),
                ),
            ),
            (("GCSEs including Maths and English", "Secondary school", "{c2}", "2012"),),
            ("Counterbalance forklift", "Reach truck", "RF scanning", "SAP", "Health and safety"),
            ("English (native)", "Polish (native)"),
            ("Football",),
            "Full UK driving licence",
        ),
        T(
            "accountant_en",
            "en",
            "finance",
            {
                "student": "Accounting and Finance student seeking a placement year",
                "junior": "Trainee Accountant",
                "mid": "Management Accountant",
                "senior": "Financial Controller",
            },
            "Part-qualified accountant with month-end, budgeting and audit experience.",
            (
                J(
                    "Management Accountant",
                    "Fairfield Manufacturing",
                    "{c1}",
                    "2019 - 2024",
                    ("Month-end close, variance analysis, budgets", "Xero and Sage 200 reporting"),
                ),
                J(
                    "Accounts Assistant",
                    "Park Lane Dental Group",
                    "{c2}",
                    "2016 - 2019",
                    ("Purchase ledger and reconciliations",),
                ),
            ),
            (
                ("ACCA (part-qualified)", "Professional body", "{c1}", "2020"),
                ("BSc Accounting and Finance", "University", "{c2}", "2013 - 2016"),
            ),
            ("Xero", "Sage 200", "Excel", "Budgeting", "Variance analysis", "IFRS"),
            ("English (native)",),
            ("Chess",),
            "",
        ),
        T(
            "reception_en",
            "en",
            "hospitality",
            {"junior": "Front Desk Agent", "mid": "Hotel Receptionist", "senior": "Front Office Manager"},
            "Friendly front desk professional with Opera PMS experience.",
            (
                J(
                    "Hotel Receptionist",
                    "Lakeside Hotel",
                    "{c1}",
                    "2019 - 2024",
                    ("Check-in and check-out on Opera PMS", "Handled complaints and group bookings"),
                ),
                J(
                    "Guest Services Agent",
                    "City Museum",
                    "{c2}",
                    "2017 - 2019",
                    ("Ticketing and visitor information",),
                ),
            ),
            (("Diploma in Hospitality Management", "College", "{c2}", "2015 - 2017"),),
            ("Opera PMS", "Customer service", "Reservations", "Cash handling", "Microsoft Office"),
            ("English (native)", "French (fluent)"),
            ("Travel",),
            "",
        ),
    ]
}

CITIES = {
    "FR": (
        "Lyon",
        "Nantes",
        "Toulouse",
        "Lille",
        "Bordeaux",
        "Rennes",
        "Strasbourg",
        "Grenoble",
        "Montpellier",
        "Marseille",
    ),
    "BE": ("Bruxelles", "Liège", "Namur", "Charleroi", "Gand", "Louvain-la-Neuve"),
    "CH": ("Genève", "Lausanne", "Neuchâtel", "Fribourg", "Sion"),
    "CA-fr": ("Montréal", "Québec", "Sherbrooke", "Laval", "Gatineau"),
    "CA-en": ("Toronto", "Ottawa", "Vancouver", "Calgary", "Halifax"),
    "UK": ("Leeds", "Manchester", "Bristol", "Glasgow", "Birmingham", "Cardiff"),
    "US": ("Chicago", "Austin", "Denver", "Seattle", "Boston", "Atlanta"),
}
