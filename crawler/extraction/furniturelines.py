"""Whole lines of page furniture, by kind: a widget's or a control's label, a comment prompt, a
source or republishing note, a "Read also: <headline>" teaser, a photo's or an agency's credit, in
the languages news is commonly published in. ``textfilter`` drops a line that is one of them."""
from __future__ import annotations

import re

from crawler.common.caseblind import CaseBlind

# The label of one of the page's controls (printing, sending, sharing, saving, commenting).
_CONTROL = (r"(?:print(?:\s+(?:this\s+)?(?:article|story|page))?|e-?mail(?:\s+(?:this(?:\s+(?:article|story|page))?|to\s+a\s+friend))?"
            r"|send\s+to\s+a\s+friend|share(?:\s+this)?|save|bookmark|comment(?:s)?|drucken|teilen|versenden|imprimer|envoyer"
            r"|partager|imprimir|compartir|enviar|stampa|condividi|drukuj|wy[śs]lij(?:\s+znajomemu)?|udost[ęe]pnij|skriv\s+ut|dela)")

# a row of the page's controls: "Print this article | Email to a friend", "Drukuj | Wyślij znajomemu"
_CONTROL_ROW = rf"{_CONTROL}(?:\s*[|·•/]\s*{_CONTROL})*"

# A shop's button or note in a review or a buying guide: a price at a retailer ("$149 at Amazon", "Buy from
# $129 at Amazon", "129 € bei Otto"), a call to compare prices or see offers, a price alert, a price
# history's lowest price, "Prices may vary"
_SHOP_LABEL = r"""
    (?:(?:buy|shop|get\s+it|see\s+it)\s+(?:now\s+)?(?:(?:from|for|at)\s+)?)?(?:from\s+|ab\s+|da\s+|d[èe]s\s+|desde\s+)?
    (?:[£$€]\s?\d[\d,.]*|\d[\d.,]*\s?(?:€|eur\b|euros?))\s+(?:at|@|on|from|bei|chez|sur|su|en|da)\s+\S+(?:\s+\S+){0,2}
  | (?:compare|check|see|view|show)\s+(?:all\s+)?(?:\d+\s+)?(?:prices?|deals?|offers)(?:\s+(?:at|on)\s+\S+)?|view\s+deal|get\s+(?:the\s+)?deal
  | set\s+(?:up\s+)?(?:a\s+)?price\s+alert|price\s+alert|comparer\s+les\s+prix|voir\s+(?:toutes\s+)?les\s+(?:\d+\s+)?offres
  | confronta\s+(?:i\s+)?prezzi|(?:vedi|mostra)\s+tutte\s+le\s+(?:\d+\s+)?offerte|comparar\s+precios|ver\s+(?:todas\s+las\s+)?(?:\d+\s+)?ofertas
  | preise\s+vergleichen|preisvergleich(?:\s*:.{0,80})?|alle\s+(?:\d+\s+)?angebote(?:\s+anzeigen)?
  | (?:lowest|best|current|typical|average)\s+price\s*:.{0,60}|prices?\s+(?:may|can|might)\s+vary\b.{0,120}
"""

# A subscription's offer and a region's block: "$1 for 6 months", "Unlimited access to ... and our app",
# "Activate your digital access", "This content is not available in your region"
_OFFER_LABEL = r"""
    (?:just\s+|only\s+|nur\s+)?[£$€]\s?\d+(?:[.,]\d{2})?\s+(?:for|für|pour|por|per)\s+(?:the\s+first\s+)?\d+\s+
    (?:weeks?|months?|years?|wochen?|monate?|semaines?|mois|semanas?|meses|settimane|mesi)
  | unlimited\s+(?:digital\s+)?access\b.{0,80}|(?:print\s+subscriber\?\s+)?activate\s+your\s+(?:digital\s+)?(?:access|subscription)
  | (?:this\s+)?(?:content|video)\s+is\s+(?:not|no\s+longer)\s+available\s+in\s+your\s+(?:region|country|location)\b.{0,80}
  | este\s+(?:contenido|video|v[íi]deo)\s+no\s+est[áa]\s+disponible\s+en\s+(?:tu|su)\s+(?:regi[óo]n|pa[íi]s)\b.{0,80}
  | dieser\s+inhalt\s+ist\s+in\s+ihrem\s+land\s+nicht\s+verf[üu]gbar\b.{0,80}
  | ce\s+contenu\s+n['’]est\s+pas\s+disponible\s+dans\s+votre\s+(?:r[ée]gion|pays)\b.{0,80}
"""

# Whole lines that are a label of page furniture.
_FURNITURE_LABEL = r"""
    -?\s*advert[iy]?s(?:e)?ments?\s*-?|advertisment|sponsored(?:\s+content)?|anzeige|werbung|publicit[ée]
  | paid\s+content|publicidade?|pubblicit[àa]|reklama|promoted(?:\s+content)?|partner\s+content|from\s+our\s+partners
  | (?:presented|brought\s+to\s+you)\s+by\s+.{0,60}|in\s+partnership\s+with\s+.{0,60}
  | please\s+enter\s+your\s+(?:comment|name(?:\s+here)?|email(?:\s+address)?(?:\s+here)?|website)!?
  | you\s+have\s+entered\s+an\s+incorrect\s+email\s+address!?
  | save\s+my\s+name,\s+email,.*
  | leave\s+a\s+(?:reply|comment).*|post\s+a\s+comment|add\s+new\s+comment|view\s+comments
  | (?:\d+\s+)?(?:comments?|kommentare?|comentarios?|commentaires?|komentarze?)(?:\s*\(\d+\))?
  | no\s+comments(?:\s+yet)?|keine\s+kommentare.{0,80}|kommentare\s+insgesamt:?.*|sin\s+comentarios|aucun\s+commentaire
  | comments\s+are\s+closed(?:\s+for\s+this\s+(?:article|story|post))?|kommentare\s+sind\s+(?:f[üu]r\s+diesen\s+artikel\s+)?geschlossen
  | (?:los\s+)?comentarios\s+est[áa]n\s+cerrados|les\s+commentaires\s+sont\s+(?:ferm[ée]s|clos)|i\s+commenti\s+sono\s+chiusi
  | normas\s+de\s+participaci[óo]n\s*:.{0,160}|community\s+guidelines\s*:.{0,160}
  | log\s+in\s+or\s+register\s+to\s+post\s+comments|um\s+kommentare\s+zu\s+schreiben.*
  | (?:\w+\s+){0,3}(?:eingeloggt|angemeldet|registriert)\s+sein,?\s+um\s+(?:einen\s+)?kommentar(?:e|en)?\s+.{0,80}
  | (?:you\s+)?must\s+be\s+(?:logged\s+in|signed\s+in|registered)\s+to\s+(?:post\s+a\s+)?comment.{0,60}
  | para\s+comentar\s+debes.*|sie\s+sind\s+aktuell\s+nicht\s+eingeloggt.*
  | source\s+link|source:\s*(?:\S+\s*){1,5}|read\s+the\s+original(?:\s+(?:story|article))?
  | to\s+read\s+the\s+(?:full|rest\s+of\s+the)\s+(?:story|article)|order\s+reprints?|print\s+article|reprints?
  | this\s+copy\s+is\s+for\s+your\s+personal,?\s+non-?commercial\s+use\s+only\b.{0,200}
  | original(?:ly)?\s+(?:article|published|appeared)\s+(?:at|on|in|here)\b.*|original-content\s+von\s*:.{0,160}
  | this\s+(?:article|story|post)\s+(?:was\s+)?(?:originally|first)\s+(?:appeared|published)\b.*|republished\s+(?:from|with\s+permission)\b.*
  | the\s+post\s+.{1,200}\s+appeared\s+first\s+on\s+[^,;]{1,80}  # the footer of a feed's item, reposted
  | (?:disclaimer:\s*)?this\s+(?:story|article|post)\s+(?:(?:is|was|has\s+been)\s+auto-?(?:aggregated|generated)|has\s+not\s+been\s+edited\s+by)\b.{0,200}
  | most\s+(?:popular|read|viewed|shared)|trending(?:\s+now)?|recent\s+(?:comments|posts)
  | related(?:\s+(?:posts|articles|stories|content|coverage|news))?|you\s+(?:may|might)\s+also\s+like
  | more\s+stories|recommended(?:\s+for\s+you)?|don't\s+miss|editor's\s+picks?
  | contenido\s+relacionado|notas\s+relacionadas|noticias\s+relacionadas|le\s+puede\s+interesar|te\s+puede\s+interesar
  | empfohlene\s+beitr[äa]ge|weitere\s+(?:themen|artikel(?:\s+zum\s+thema)?|beitr[äa]ge.*|informationen)|verwandte\s+artikel
  | meistgelesen(?:e\s+artikel)?|kommentierte\s+artikel|das(?:\s+\w+)?\s+k[öo]nnte\s+(?:sie|dich|euch)\s+auch\s+interessieren.*
  | mehr\s+(?:themen|zum\s+thema)\b.{0,60}|weitere(?:\s+\w+)?\s+themen\b.{0,60}
  | (?:zum\s+)?newsletter\s+(?:anmelden|abonnieren)|inhaltsverzeichnis|table\s+of\s+contents|sommaire
  | (?:\*?werbung|anzeige)\s*[-–.,:|]\s*.{0,100}
  | (?:now\s+playing|jetzt\s+l[äa]uft|en\s+cours\s+de\s+lecture|reproduciendo\s+ahora)\b.{0,120}|up\s+next
  | watch\s+(?:the\s+)?(?:full\s+)?(?:report|video|story|interview|clip|broadcast)|watch\s+now|video\s+ansehen
  | ver\s+(?:el\s+)?v[íi]deo|regarder\s+la\s+vid[ée]o|guarda\s+il\s+video
  | urls\s+in\s+this\s+post:?|article\s+printed\s+from\b.{0,120}|url\s+to\s+article:.{0,200}
  | continued\s+(?:from|on)\s+page\s+\d+\b.{0,120}|fortsetzung\s+(?:von|auf)\s+seite\s+\d+\b.{0,120}
  | (?:the\s+)?(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:the\s+|this\s+)?(?:ad(?:vertisement)?|video))?|continue\s+reading\s+below
  | (?:der\s+)?artikel\s+(?:wird\s+)?(?:nach|unter)\s+der\s+anzeige\s+(?:fortgesetzt|weiter)|weiter\s+nach\s+der\s+anzeige
  | (?:lesen\s+sie\s+)?nach\s+der\s+anzeige\s+weiter(?:lesen)?|pokra[čc]ov[áa]n[íi]e?\s+[čc]l[áa]nku\s+pod\s+reklamou
  | dalsza\s+cz[ęe][śs][ćc]\s+(?:artyku[łl]u|tekstu)\s+pod\s+reklam[ąa]|(?:scroll|gulir)\s+(?:ke\s+bawah\s+)?untuk\s+(?:melanjutkan|lanjut)(?:\s+membaca)?
  | (?:la\s+)?(?:nota|noticia|art[íi]culo)\s+contin[úu]a\s+(?:abajo|(?:despu[ée]s\s+de|tras)\s+la\s+publicidad)
  | (?:l['’]article|la\s+suite)\s+(?:continue\s+|se\s+poursuit\s+)?(?:apr[èe]s|sous)\s+(?:cette|la)\s+publicit[ée]
  | (?:l['’]articolo\s+)?continua\s+(?:dopo|sotto)\s+la\s+pubblicit[àa]|(?:a\s+)?(?:mat[ée]ria|not[íi]cia)\s+continua\s+(?:ap[óo]s|depois\s+d)a\s+publicidade
  | (?:het\s+)?(?:artikel|bericht)\s+gaat\s+verder\s+(?:na|onder)\s+de\s+advertentie
  | (?:kontakt|contact|telefon|phone|fax)\s*:.{0,60}
  | vervielf[äa]ltigung\s+nur\s+mit\s+genehmigung.*|materia[łl]\s+chroniony\s+prawem\s+autorskim.*
  | [©ⓒ].{0,80}
  | (?:vorschau\s+auf\s+den\s+)?n[äa]chste[rn]?\s+(?:artikel|beitrag)|vorheriger\s+(?:artikel|beitrag)|(?:next|previous)\s+(?:article|post|story)
  | (?:hazte\s+(?:miembro|socio|socia)|become\s+a\s+member|werde\s+mitglied|devenez\s+membre)\b.{0,80}
  | listen\s+to\s+this\s+(?:story|article)|artikel\s+(?:an)?h[öo]ren|[ée]couter\s+(?:cet\s+)?article|escuchar\s+(?:este\s+)?art[íi]culo
  | ascolta\s+(?:l['’])?articolo|ou[çc]a\s+(?:esta\s+)?(?:mat[ée]ria|not[íi]cia)
  # a live blog's controls: "Show key events only", "Load more updates"
  | show\s+key\s+events(?:\s+only)?|(?:load|show)\s+(?:\d+\s+)?(?:more|earlier|older|newer)\s+(?:updates|posts|entries)
  | nur\s+(?:highlights|die\s+wichtigsten\s+ereignisse)\s+anzeigen|(?:[äa]ltere|weitere)\s+eintr[äa]ge\s+laden
  | afficher\s+uniquement\s+les\s+(?:essentiels|moments\s+cl[ée]s)|charger\s+plus\s+de\s+(?:messages|posts)
  | mostrar\s+(?:solo\s+)?(?:los\s+)?momentos\s+clave|cargar\s+m[áa]s\s+(?:entradas|actualizaciones)
  | solo\s+(?:i\s+)?momenti\s+chiave|carica\s+altri\s+aggiornamenti
  | unterst[üu]tze(?:n\s+sie)?\s+.{0,80}|our\s+standards\s*:.{0,80}|video\s+verf[üu]gbar\s+bis\b.{0,40}
  | \d+(?:\s*|-)(?:min(?:ute)?s?|minuten)\.?\s+(?:read|lesezeit|lesen|de\s+lecture|de\s+lectura)|(?:lesezeit|reading\s+time|temps\s+de\s+lecture|tiempo\s+de\s+lectura)\s*:?.{0,30}
  | ten\s+tekst\s+przeczytasz\b.{0,60}
  | bild\s+(?:anzeigen|vergr[öo]ßern)|enlarge\s+(?:image|photo)|view\s+(?:gallery|slideshow)|galerie\s+ansehen
  | weitere\s+info(?:s|rmationen)?\b.{0,60}(?::|\bunter\s+\S+|www\.\S+|https?://\S+)
  | lust\s+auf\s+mehr\?|schon\s+gelesen\?|articles?\s+li[ée]s?|sur\s+le\s+m[êe]me\s+sujet|dans\s+la\s+m[êe]me\s+rubrique
  | share(?:\s+(?:this|on)(?:\s+\w+)?)?|tweet|pin\s+it|email\s+this|print(?:\s+this\s+article)?|copy\s+link
  | teilen|drucken|compartir|partager|condividi|imprimer|envoyer\s+[àa]\s+un\s+ami|r[ée]agir\s+[àa]\s+cet\s+article
  | scrivi\s+un\s+commento|yorum\s+yap|payla[şs]|поделиться|комментарии|分享到.{0,20}|(?:[（(]\s*)?责任编辑\s*[:：].{0,20}
  | (?:©\s*)?(?:todos\s+os\s+direitos\s+reservados|wszelkie\s+prawa\s+zastrze[żz]one|t[üu]m\s+haklar[ıi]\s+sakl[ıi]d[ıi]r
     |все\s+права\s+защищены|版权所有).{0,80}
  | (?:(?:important|disclaimer|note|please\s+note)\s*:\s*)?(?:this|the)\s+(?:\w+\s+){0,3}(?:is|are)\s+not\s+
    (?:investment|financial|medical|legal)\s+advice\b.{0,400}
  | (?:markets?\s+data|quotes|kurse|kursdaten)\b.{0,40}\b(?:delayed|verz[öo]gert|verz[öo]gerung)\b.{0,80}
  | note:\s+content\s+may\s+be\s+edited\s+for\s+style\s+and\s+length\.?|cite\s+this\s+page:?
  | we\s+use\s+cookies.*|accept\s+(?:all\s+)?cookies|cookie\s+settings
  | read\s+more|continue\s+reading|mehr\s+lesen|weiterlesen|lire\s+la\s+suite|leer\s+m[áa]s|seguir\s+leyendo
  | leggi\s+(?:di\s+)?(?:tutto|pi[uù])|czytaj\s+dalej|lees\s+meer|wird\s+geladen|l[äa]dt
  | loading(?:\s+the\s+rest\s+of\s+(?:this|the)\s+(?:story|article|post))?
  | (?:view|see)\s+this\s+(?:post|photo|video|profile)\s+on\s+\w+|(?:a\s+post\s+shared\s+by|ein\s+beitrag\s+geteilt\s+von|une\s+publication\s+partag[ée]e\s+par
     |una\s+publicaci[óo]n\s+compartida\s+(?:de|por))\s+.{1,60}?(?:\s+on\s+.{1,40})?|sieh\s+dir\s+diesen\s+beitrag\s+auf\s+\w+\s+an
  | ver\s+(?:esta|essa)\s+(?:publicaci[óo]n|publica[çc][ãa]o|foto)\s+(?:en|no)\s+\w+|voir\s+cette\s+publication\s+sur\s+\w+
  | visualizza\s+questo\s+post\s+su\s+\w+|bekijk\s+dit\s+bericht\s+op\s+\w+|wy[śs]wietl\s+ten\s+post\s+na\s+\w+
  | an\s+error\s+(?:has\s+)?occurred,?\s+please\s+try\s+again(?:\s+later)?|(?:this\s+)?article\s+has\s+been\s+sent\s+to.{0,60}
  | (?:(?:suggested|related|popular|trending|more)\s+)?(?:tags?|categor(?:y|ies)|kategorien?|schlagw[öo]rter|schlagworte|themen|temas|etiquetas|mots-cl[ée]s|topics
     |filed\s+under|archivado\s+en|abgelegt\s+unter|class[ée]\s+dans)
    (?:\s*:.{0,200})?
  | (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+\w+\s+\d{1,2},\s+\d{4}
  | home\s*(?:[»>/›|]|\u00bb).{0,200}
  | \d{1,3}\s*(?:/|of|von|de|di|sur)\s*\d{1,3}  # a slideshow's counter, "3 / 12"
  | \d+(?:[.,]\d+)?[km]|\d+(?:[.,]\d+)?[km]?\s+(?:likes?|claps?|shares?|views?|reactions?|reposts?|restacks?)
  | (?:photo(?:graph)?s|pictures|words|text|story|reporting|video)(?:\s+(?:and|&)\s+\w+)?\s+by  # a credit's label, its name gone
  | (?:spotted|found|see|noticed)\s+an?\s+(?:mistake|typo|error)\b.{0,120}|report\s+an?\s+(?:error|typo|mistake)\b.{0,80}
  | vous\s+avez\s+(?:trouv[ée]|rep[ée]r[ée]|vu)\s+une\s+(?:erreur|faute|coquille)\b.{0,120}|(?:haben\s+sie\s+)?einen\s+fehler\s+(?:gefunden|entdeckt)\b.{0,120}
  | want\s+to\s+(?:use|republish|reuse|license)\s+this\s+(?:article|story|content)\b.{0,120}
  | subscribe\s+now|cancel\s+any\s*time\b.{0,80}|upload\s+(?:now|(?:your\s+)?(?:photos?|videos?|pictures?))
  | pin\s+(?:this|it)(?:\s+for\s+later)?|was\s+this\s+(?:page|article)\s+helpful\??(?:\s+yes\s+no)?
  | heeft\s+u\s+gevonden\s+wat\s+u\s+zocht\??|war\s+diese\s+seite\s+hilfreich\??
  | (?:have\s+an\s+opinion\??\s+)?write\s+a\s+letter\s+to\s+the\s+editor\b.{0,120}|submit\s+a\s+letter
  | thanks\s+for\s+reading\s+.{1,80}?[!.]\s+subscribe\b.{0,160}  # a newsletter platform's closing box
  | (?:url|permalink|link\s+to\s+this\s+(?:article|page|story))\s*:\s*(?:https?://|www\.)\S+  # a print view's address line
""" + "|" + _SHOP_LABEL + "|" + _OFFER_LABEL

# The labels of "Read also: <headline>" teasers placed inside the body.
_TEASER_LABELS = r"""
    (?:read\s+more|also\s+read|read\s+also|read\s+next|see\s+also|see\s+more|watch\s+more|more
     |related(?:\s+(?:posts?|articles?|stor(?:y|ies)|reading|content|coverage|video))?|watch
     |recommended|listen
     |lea\s+(?:tambi[ée]n|m[áa]s)|lea|lee\s+tambi[ée]n|mire|mira|vea\s+tambi[ée]n|puedes\s+ver|le\s+puede\s+interesar
     |te\s+puede\s+interesar|tambi[ée]n\s+te\s+puede\s+interesar|[àa]\s+lire\s+aussi|lire\s+aussi|voir\s+aussi
     |lesen\s+sie\s+auch(?:\s+\w+){0,3}|lesen\s+sie\s+mehr|auch\s+lesen|auch\s+interessant|mehr\s+zum\s+thema|zum\s+weiterlesen
     |weiterlesen|leia\s+tamb[ée]m|leggi\s+anche|lees\s+ook|czytaj\s+(?:te[żz]|tak[żz]e|wi[ęe]cej)|dowiedz\s+si[ęe]\s+wi[ęe]cej
     |lue\s+(?:my[öo]s|lis[äa][äa]|aiheesta\s+lis[äa][äa])|l[äa]s\s+(?:ocks[åa]|mer)|l[æae]s\s+ogs[åa]|les\s+ogs[åa]|[čc]t[ěe]te\s+tak[ée]
     |veja\s+tamb[ée]m|zobacz\s+(?:te[żz]|tak[żz]e)|читайте\s+(?:также|тоже)|смотрите\s+также|ilginizi\s+[çc]ekebilir
     |ayr[ıi]ca\s+okuyun|相关阅读|延伸阅读|相关新闻|関連記事|あわせて読みたい|اقرأ\s+أيضا[ًً]?|اقرأ\s+المزيد)
"""
TEASER_LABEL = re.compile(rf"^\W*{_TEASER_LABELS}\W*$", re.X | re.I)
"""A teaser's label alone ("Lees ook", "Lesen Sie auch", "Read more"), as a line shows it before the
linked headline of another story (``candidates.drop_labelled_teasers``)."""

# "Read also: <headline>" teasers placed inside the body.
_TEASER = rf"""
    {_TEASER_LABELS}
    \s*[:：»>|–-].{{0,200}}
  | (?:baca\s+(?:juga|selengkapnya)|simak\s+juga|basahin(?:\s+din)?|soma\s+(?:zaidi|pia)|xem\s+th[êe]m|đ[ọo]c\s+th[êe]m
     |ये\s+भी\s+पढ़ें|यह\s+भी\s+पढ़ें|हेही\s+वाचा|यो\s+पनि\s+पढ्नुहोस्|مزید\s+پڑھیں|یہ\s+بھی\s+پڑھیں
     |இதையும்\s+படிக்க|இதையும்\s+படிங்க|ഇതുകൂടി\s+വായിക്കൂ|ఇది\s+కూడా\s+చదవండి|આ\s+પણ\s+વાંચો|ਇਹ\s+ਵੀ\s+ਪੜ੍ਹੋ|អានបន្ថែម|читайте\s+також|διαβάστε\s+(?:επίσης|ακόμη)|관련\s*기사|עוד\s+בנושא|קראו\s+גם
     |بیشتر\s+بخوانید|อ่านเพิ่มเติม|আরও\s+পড়ুন|【関連記事】
     )
    (?:\s*[:：»>|–-]?\s+.{{0,200}})?
"""

# Credit lines of photos and agencies.
_CREDIT = r"""
    (?:photo|image|picture|foto|bild|credit|cr[ée]dits?\s+photos?|bildquelle|beitragsbild|titelbild|quelle)s?
    (?:\s+(?:illustrative|d['’]illustration|de\s+illustraci[óo]n|di\s+repertorio))?\s*:\s*.{0,100}
  | (?:getty\s+images|reuters|ap\s+photo|afp|dpa|epa|shutterstock|imago)(?:\s*/\s*[\w .]+)?
"""

# a separator alone, left between removed parts ("·", "|"); an emoticon ("=)") is a line of its author's
_SEPARATOR = r"[\s\u00b7\u2022|/\\\-\u2013\u2014]+"

BOILERPLATE_LINE = CaseBlind(
    rf"^(?:\W*(?:{_FURNITURE_LABEL}|{_CONTROL_ROW}|{_TEASER}|{_CREDIT})\W*|{_SEPARATOR})$", re.X
)
# a teaser's label no sentence starts with, in capitals: a separator after it may be missing
_CAPS_TEASER = re.compile(r"^\W*READ\s+MORE(?:\s+(?:ON|IN|ABOUT|FROM)(?:\s+[A-Z][A-Z-]*){1,3})?"
                          r"(?:\s*[:：»>|–-]?\s+.{0,200})?\W*$")

# Lines that say a phrase after up to a hundred characters of anything ("... does not constitute
# investment advice", "For the full list, click here"): a pattern that may start anywhere is tried
# at every position of every line, most of the time ``BOILERPLATE_LINE`` took; apart, they are tried
# only on the few lines that hold one of their words (``_PHRASE_WORDS``, as case-blind as they are).
_PHRASE_LINE = r"""
    .{0,60}(?:무단\s*전재\s*(?:및|&)\s*재배포\s*금지|無断転載を禁じます|無断転載禁止).{0,40}
  | .{0,60}\b(?:nuestro|our|unser(?:em|en)?)\s+(?:canal|channel|kanal)\b.{0,60}
  | .{0,80}\brss(?:-?feed)?\s+(?:abonnieren|subscribe)\b.{0,20}
  | .{0,60}\bdoes\s+not\s+constitute\s+(?:investment|financial|medical|legal)\s+advice\b.{0,120}
  | .{0,80}\b(?:stellt|stellen)\s+keine\s+(?:anlage|finanz)beratung\s+dar\b.{0,80}|.{0,80}\bersetzt\s+keine\s+(?:[äa]rztliche|medizinische)\s+beratung\b.{0,80}
  | .{0,100}\b(?:by\s+)?click(?:ing)?\s+here\b.{0,40}
  | .{0,160}\bregistered\s+in\s+england(?:\s+(?:and|&)\s+wales)?\b.{0,120}
  | .{0,80}\bis\s+published\s+by\s+.{3,80}\b(?:ltd|limited|llc|inc|gmbh|plc)\b.{0,200}  # a publisher's imprint
"""
_PHRASE_WORDS = CaseBlind(r"무단|無断|canal|channel|kanal|rss|constitute|beratung|click|registered|published")
"""A word each phrase holds: a line without any is none of them."""
PHRASE_LINE = CaseBlind(rf"^\W*(?:{_PHRASE_LINE})\W*$", re.X)


def is_furniture_line(line: str) -> bool:
    """Whether a whole line is furniture: a label, a control row, a teaser's label, a credit, a
    separator (``BOILERPLATE_LINE``) or a phrase of furniture (``PHRASE_LINE``)."""
    return (BOILERPLATE_LINE.matches(line) or ("READ" in line and _CAPS_TEASER.match(line) is not None)
            or (_PHRASE_WORDS.searches(line) and PHRASE_LINE.matches(line)))


# Paywall and subscription prompts that stand in for the rest of the story.
_PAYWALL = CaseBlind(
    r"""\b(?:subscri(?:be|ber|ption)|abonn(?:ieren|ent|ez|ement)|suscr[íi](?:bete|pci[óo]n)|prenumerat)\w*\b.{0,120}
      \b(?:full\s+story|rest\s+of\s+(?:the|this)\s+(?:story|article)|immediate\s+access|to\s+continue\s+reading
      |weiterlesen|lire\s+la\s+suite|seguir\s+leyendo)
    |\b(?:pour\s+lire\s+la\s+suite|pour\s+acc[ée]der\s+en\s+illimit[ée]|to\s+view\s+the\s+full\s+story
      |already\s+a\s+subscriber|jetzt\s+weiterlesen\s+mit|continue\s+reading\s+(?:your|this|the)\s+(?:article|story)\s+with
      |get\s+unlimited\s+(?:digital\s+)?access)\b""",
    re.X,
)
_MAX_PAYWALL_WORDS = 40
_PROMPT_WORD = CaseBlind(r"\b(?:please|now|today|log\s+in|sign\s+in|here|click|jetzt|maintenant|ahora)\b")


# the wall's own words, which no sentence about subscribers uses: "Il vous reste 60% de cet article à
# lire", "La suite est réservée aux abonnés", "Déjà abonné ?", "Bereits Abonnent?", "¿Ya eres suscriptor?"
_PAYWALL_NOTICE = CaseBlind(
    r"\b(?:reste\s+\d+\s*%\s+de\s+cet\s+article|\d+\s*%\s+of\s+this\s+article\s+(?:left|remaining)"
    r"|suite\s+est\s+r[ée]serv[ée]e\s+aux\s+abonn[ée]s|d[ée]j[àa]\s+abonn[ée]e?\s*\?|bereits\s+abonnent(?:in)?\s*\?"
    r"|ya\s+eres\s+suscriptor\s*\?|sei\s+gi[àa]\s+abbonato\s*\?|j[áa]\s+[ée]\s+assinante\s*\?"
    r"|already\s+(?:a\s+)?subscriber\s*\?"
    # a metered wall's counter and its offer: "You've read 3 of 5 free articles this month."
    r"|you(?:['’]ve|\s+have)\s+read\s+\d+\s+(?:of|out\s+of)\s+(?:your\s+)?\d+\s+free\s+(?:articles|stories)"
    r"|sie\s+haben\s+\d+\s+von\s+\d+\s+kostenlosen\s+(?:artikeln|beitr[äa]gen)|has\s+le[íi]do\s+\d+\s+de\s+\d+\s+(?:art[íi]culos|noticias)"
    r"|vous\s+avez\s+lu\s+\d+\s+(?:des|de\s+vos|sur)\s+\d+\s+articles|(?:hai|avete)\s+letto\s+\d+\s+(?:di|su)\s+\d+\s+articoli"
    r"|(?:become\s+a\s+(?:member|subscriber)|subscribe)\s+to\s+(?:keep|continue)\s+reading"
    r"|this\s+is\s+a\s+(?:premium|subscriber|members?)[- ]only\s+(?:article|story)|this\s+is\s+a\s+premium\s+(?:article|story)"
    r"|requires\s+a\s+(?:paid\s+)?subscription\s+to\s+(?:read|view|access)"
    # a registration wall's: "Registrati gratuitamente per continuare a leggere", "Hai già un account?"
    r"|regist(?:er|rati|rieren|rese|rate|re)\b.{0,40}\b(?:continu(?:e|are|ar)\s+(?:a\s+)?(?:reading|leggere|leyendo|lendo)"
    r"|weiterlesen|seguir\s+leyendo|lire\s+la\s+suite)"
    r"|(?:already\s+have\s+an\s+account|hai\s+gi[àa]\s+un\s+account|vous\s+avez\s+d[ée]j[àa]\s+un\s+compte"
    r"|ya\s+tienes\s+(?:una\s+)?cuenta|sie\s+haben\s+bereits\s+ein\s+konto|j[áa]\s+tem\s+(?:uma\s+)?conta)\s*\?)",
    )


def is_paywall_prompt(line: str) -> bool:
    """A short line asking the reader to subscribe for the rest of the story (not a sentence about subscribers)."""
    if len(line.split()) > _MAX_PAYWALL_WORDS:
        return False
    if _PAYWALL_NOTICE.searches(line):
        return True
    return _PAYWALL.searches(line) and (
        _PROMPT_WORD.searches(line) or line.lower().startswith(("pour ", "to view", "continue reading", "get unlimited")))
