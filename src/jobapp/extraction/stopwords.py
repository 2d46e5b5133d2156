"""French and English stopwords (normalised: casefolded, no accents), plus job-ad boilerplate.

``STOPWORDS`` are grammar words: they are skipped inside multi-word terms ("gestion *de* projet")
and used to tell French from English. ``BOILERPLATE`` are words every offer uses ("poste",
"candidat", "experience"...): they are not stopwords for matching, but they never make a key phrase.
"""

from __future__ import annotations

FRENCH = frozenset(
    """
    a ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient aurais aurait
    auras aurez auriez aurons auront aussi autre autres aux auxquelles auxquels avaient avais avait
    avant avec avez aviez avions avoir avons ayant c ca car ce ceci cela celle celles celui cependant
    ces cet cette ceux chacun chaque chez ci comme comment d dans de dela des desquelles desquels
    dont du duquel elle elles en encore entre es est et etaient etais etait etant ete etes etiez
    etions etre eu eue eues eurent eus eut eux fait faites fut furent il ils j je jusqu jusque l la
    laquelle le lequel les lesquelles lesquels leur leurs lors lorsque lui m ma mais me meme memes
    mes moi mon n ne ni nos notre nous on ont or ou par parce parmi pas peu peut peuvent plus plutot
    pour pourquoi pouvez qu quand que quel quelle quelles quels qui quoi s sa sans se selon ser sera
    serai seraient serait seras serez seront ses si sien soi soit sommes son sont sous soyez suis
    sur t ta te tes toi ton tous tout toute toutes tres tu un une unes uns vers via voici voila vos
    votre vous y afin ainsi deja etc
    """.split()
)

ENGLISH = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves also etc e g ie eg within across per
    via us may must shall might
    """.split()
)

STOPWORDS = FRENCH | ENGLISH

# Words present in almost every offer: never a useful key phrase on their own.
BOILERPLATE = frozenset(
    """
    poste postes profil profils mission missions candidat candidats candidate candidates candidature
    entreprise entreprises societe company companies equipe equipes team teams experience experiences
    annee annees ans an year years mois month months jour jours day days semaine week h f hf m w x
    job jobs offre offres emploi role roles travail work working recherche recherchons looking
    cherchons rejoindre join joining nouveau nouvelle new nouveaux nouvelles client clients
    customer customers type contrat contract cdi cdd stage alternance salaire salary remuneration
    avantage avantages benefits lieu location localisation date debut start demarrage temps plein
    partiel full part time horaires competence competences skill skills connaissance connaissances
    knowledge maitrise maitriser master mastery capacite ability abilities niveau level bon bonne
    bons bonnes good strong excellent excellente forte fort fortes solides solide solid minimum
    requis requise requises required souhaite souhaitee souhaitees appreciated apprecie appreciee
    plus atout bonus nice idealement ideally id vous nous your our we candidats ensemble together
    cadre environnement environment sein within au-dela dont notamment including include includes
    etc differents differentes different various plusieurs several ensemble aupres afin order
    mettre assurer assurez assure ensure participer participate participerez contribuer contribute
    etes serez avez aurez will would able capable possedez possede have has having dispose disposez
    description descriptif detail details information informations propos about qui who quoi what
    pourquoi why comment how rattache rattachee reporting report reports directement directly
    charge charges responsable responsible tache taches task tasks activite activites activities
    suivant suivantes following principales principaux principal main key cle cles
    """.split()
)
