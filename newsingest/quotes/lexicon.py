"""Words that frame quotations: reporting verbs, pronouns, titles and roles, in the languages we read."""

from __future__ import annotations

import re

# Reporting verbs, every form a news sentence uses. Multi-word cues come first so they win.
_VERBS = {
    "en": "according to|said in a statement|said on|says|said|saying|say|told|tells|tell|telling|added|adds|"
    "asked|asks|explained|explains|noted|notes|stated|states|wrote|writes|write|argued|argues|warned|warns|"
    "insisted|insists|claimed|claims|tweeted|posted|replied|replies|continued|continues|recalled|recalls|"
    "admitted|admits|acknowledged|acknowledges|announced|announces|declared|declares|emphasised|emphasized|"
    "emphasises|emphasizes|stressed|stresses|urged|urges|suggested|suggests|commented|comments|remarked|"
    "observed|concluded|predicted|conceded|complained|joked|quipped|responded|shouted|whispered|testified|"
    "pointed out|put it|recounted|confirmed|confirms|vowed|pledged|promised",
    "de": "sagte|sagt|sagten|sagen|erklärte|erklärt|betonte|betont|meinte|meint|so|fügte hinzu|teilte mit|"
    "schrieb|schreibt|warnte|warnt|erläuterte|sagte er|sagte sie|kritisierte|forderte|mahnte|räumte ein|"
    "zufolge|laut|ergänzte|unterstrich|hieß es|berichtete|bestätigte",
    "fr": "a déclaré|a dit|a-t-il dit|a-t-elle dit|a-t-il déclaré|a-t-elle déclaré|a-t-il ajouté|"
    "a-t-elle ajouté|a-t-il expliqué|a-t-elle expliqué|déclare|dit|explique|a expliqué|selon|a affirmé|"
    "s’interroge|s'interroge|s’inquiète|s'inquiète|a reconnu|reconnaît|a conclu|conclut|insiste|rappelle|"
    "a rappelé|poursuit|déplore|regrette|martèle|confie|a confié|a lancé|lance|s’exclame|s'exclame|"
    "affirme|souligne|a souligné|a ajouté|ajoute|estime|a estimé|a écrit|écrit|a précisé|précise|"
    "a-t-il précisé|a-t-elle précisé|assure|a assuré|a prévenu|indique|a indiqué|d'après",
    "es": "dijo|dice|afirmó|afirma|explicó|explica|señaló|señala|según|aseguró|asegura|añadió|añade|"
    "declaró|declara|indicó|indica|subrayó|destacó|advirtió|escribió|comentó|sostuvo|manifestó",
    "ru": "сказал|сказала|сказали|заявил|заявила|заявили|отметил|отметила|по словам|добавил|добавила|"
    "подчеркнул|подчеркнула|сообщил|сообщила|написал|написала|пояснил|пояснила|считает|говорит",
    "it": "ha detto|ha dichiarato|ha spiegato|ha aggiunto|secondo|ha affermato|ha sottolineato|dice|spiega",
    "pt": "disse|afirmou|explicou|segundo|declarou|acrescentou|salientou",
    "nl": "zei|zegt|aldus|verklaarde|schreef|volgens",
}
REPORTING = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted({v for vs in _VERBS.values() for v in vs.split("|")}, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# Cues that name the source after them: "according to Lindqvist", "selon le ministère".
SOURCE_FIRST = frozenset(
    {"according to", "selon", "según", "laut", "zufolge", "по словам", "secondo", "segundo", "volgens", "d'après"}
)
# Japanese attributions follow the quote: 「…」と述べた.
JA_CUE = re.compile(
    r"^\s*(?:と|とも)(?:呼びかけた|述べた|話した|語った|説明した|強調した|明らかにした|訴えた|指摘した|答えた|"
    r"コメントした|発表した|書いた|述べている|話している|語っている|強調している|している)"
)

PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": None,
    "it": None,
    "we": None,
    "i": None,
    "er": "m",
    "sie": None,
    "il": "m",
    "elle": "f",
    "ils": None,
    "elles": None,
    "él": "m",
    "ella": "f",
    "он": "m",
    "она": "f",
    "они": None,
    "lui": "m",
    "lei": "f",
    "hij": "m",
    "zij": "f",
    "ele": "m",
    "ela": "f",
}
# Titles dropped from names: "Mayor Josephine Arkwright" is Josephine Arkwright.
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister chancellor mayor "
    "governor senator sen rep representative secretary general gen col colonel captain capt judge justice "
    "king queen prince princess pope bishop father sister rev reverend chief director chairman chairwoman "
    "chair ceo cfo coach herr frau dr. m. mme mlle monsieur madame sr sra señor señora don doña господин "
    "госпожа bundeskanzler bundeskanzlerin kanzler kanzlerin präsident präsidentin ministerpräsident "
    "ministerpräsidentin bürgermeister bürgermeisterin minister ministerin président présidente ministre "
    "maire presidente ministro ministra alcalde alcaldesa defence defense foreign interior finance health "
    "justice state deputy acting former admiral marshal sergeant lieutenant commissioner".split()
)
# Nouns a description uses for a person ("the spokesman") and for an organisation ("the ministry").
PERSON_ROLES = re.compile(
    r"\b(?:spokes(?:man|woman|person)|minister|ministerin|ministre|ministro|mayor|maire|bürgermeister\w*|official|"
    r"officer|director|president|präsident\w*|chairman|chairwoman|chair|governor|senator|secretary|chancellor|"
    r"kanzler\w*|premier|prime minister|ceo|chief|executive|spokes|sprecher\w*|porte-parole|portavoz|"
    r"представитель|министр|мэр|commissioner|ambassador|envoy|leader|head|manager|coach|captain|professor|"
    r"researcher|scientist|economist|analyst|expert|lawyer|attorney|prosecutor|judge|doctor|neurologist|"
    r"oceanographer|engineer|teacher|councillor|councilor|mp|mep|candidate|founder|owner|resident|witness|"
    r"activist|campaigner|organiser|organizer|inspector|superintendent|commander|general|colonel|biologist|"
    r"convener|founder|co-founder|auctioneer|farmer|fisherman|owner|chairs?|head teacher|principal|nurse)s?\b",
    re.IGNORECASE,
)
ORG_WORDS = re.compile(
    r"\b(?:ministry|ministerium|ministère|ministerio|министерство|department|authority|council|police|polizei|"
    r"company|firm|government|regierung|gouvernement|gobierno|правительство|agency|agentur|union|party|partei|"
    r"bank|court|gericht|committee|commission|kommission|office|service|board|institute|institut|university|"
    r"universität|association|verband|group|corporation|inc|ltd|plc|gmbh|ag|sa|operator|regulator|utility|"
    r"hospital|school|club|federation|embassy|army|military|navy|coalition|alliance|organisation|organization|"
    r"foundation|stiftung|trust|network|newspaper|broadcaster|airline|consortium|cooperative|society|institution|"
    r"observatory|museum|library|port authority|fire service|coastguard|constabulary|préfecture|prefecture|"
    r"mairie|rathaus|ayuntamiento|foods|grid|aggregates|seafoods|holdings|industries|systems|energy|media)\b",
    re.IGNORECASE,
)
# Name particles that stay lower-case inside a name: "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
PARTICLES = frozenset("von van der den de del della di da dos das du le la al el bin ibn ten ter zu y".split())
# Capitalised words that start sentences or name things without being names.
NOT_NAMES = frozenset(
    "según selon laut gemäß nach segundo secondo volgens "
    "dennoch obwohl derweil zudem außerdem auch doch jedoch denn deshalb daher dabei damit dann danach nun jetzt "
    "hier dort wie als wenn weil dass ob aber und oder sondern trotzdem inzwischen später gleichzeitig "
    "asimismo además también cuando como aunque pero luego entonces "
    "cependant ensuite alors mais donc aussi ainsi puis pourtant toutefois enfin "
    "inoltre però anche quando mentre poi "
    "the a an but and or so yet if when while as at in on of for to from by with after before during this "
    "that these those it its he she they we i you his her their our my your there here then however "
    "meanwhile monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december today yesterday tomorrow last next mr mrs ms dr".split()
)
# Words before a quotation that make it a title or a slogan, not a quotation.
NOT_A_QUOTATION = re.compile(
    r"\b(?:book|novel|film|movie|song|album|series|report|play|show|documentary|exhibition|magazine|newspaper|"
    r"column|headline|hashtag|slogan|slogans|motto|titled|entitled|called|named|dubbed|chanted|chanting|chants|"
    r"placards?|banners?|signs?|reading|read|buch|roman|titel|lied|film|livre|roman|chanson|intitulé|libro|"
    r"canción|película|titulado|книга|фильм|песня|лозунг|скандировали|coreaban|corearon|coreando|gritaban|"
    r"scandaient|scandant|skandierten|riefen|sprechchöre?|eslogan|lema|slogan|grito de|gritos de|cris de|"
    r"chant of|chants of|cries of)\W{0,3}$",
    re.IGNORECASE,
)
# Verbs that take a quotation into the writer's own sentence: She called the plan “a betrayal of …”.
PARTIAL_VERBS = re.compile(
    r"(?<![\w-])(called|calls|described|describes|labelled|labeled|branded|dismissed|termed|hailed|denounced|"
    r"condemned|criticised|criticized|praised|nannte|bezeichnete|qualifié|calificó|назвал|назвала)(?![\w-])",
    re.IGNORECASE,
)
# After "told", the listener is part of the cue ("told a press briefing"), the time and place are not.
CUE_OBJECT_STOP = frozenset(
    "on in at during after before last this that yesterday today when while as about by with since until "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# A name right after these is a place, not a person ("in New York").
PLACE_PREPOSITIONS = frozenset("in at from to near across outside inside into via between through of".split())
