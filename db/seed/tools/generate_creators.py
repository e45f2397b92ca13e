"""Generate ``db/seed/demo/creators.json``: about 200 fictional creators.

Deterministic: the random generator has a fixed seed, so running the script again writes
the same file. The JSON file is the deliverable and is committed; this script is only how
it was made. ``projects.json`` refers to creators by handle: after changing the name lists,
the pinned creators or the seed, run ``check_demo.py`` and repair any project that lost a
participant.

    python3 db/seed/tools/generate_creators.py

Every person here is invented. Names are drawn from common given names and surnames of
each country and written the way people there usually write them: Kazakh, Kyrgyz, Tajik,
Russian, Belarusian and Mongolian names mostly in Cyrillic; Uzbek, Azerbaijani, Turkmen,
Moldovan and Turkish names in Latin; a few Armenian and Georgian names in their own
scripts. Organisations and disciplines come from the other demo files.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

SEED = 2026
YEAR = 2026  # the dataset describes the world as of late 2026
LAST_START = date(2026, 10, 1)  # no affiliation starts after this
DEMO = Path(__file__).resolve().parent.parent / "demo"

T = TypeVar("T")

LEVELS = ("BEGINNER", "INTERMEDIATE", "ADVANCED", "EXPERT", "MASTER")


# --- Disciplines: how to describe people who practise them --------------------------------


@dataclass(frozen=True)
class Craft:
    """Words for one discipline: the person's title, what they focus on, job titles."""

    role: str  # English title, "Animator"
    ru: tuple[str, str]  # Russian title for a man and for a woman
    focus: tuple[str, ...]  # English: "... focused on <focus>"
    focus_ru: tuple[str, ...]  # Russian, nominative: "Специализация — <focus>"
    jobs: tuple[str, str, str] | None = None  # junior, regular and senior job titles


CRAFTS: dict[str, Craft] = {
    "film-directing": Craft(
        "Film director",
        ("Режиссёр", "Режиссёр"),
        (
            "intimate family dramas shot on location",
            "coming-of-age stories from small towns",
            "historical drama and international co-productions",
        ),
        (
            "камерные семейные драмы, снятые на натуре",
            "истории взросления в небольших городах",
            "историческое кино и международные копродукции",
        ),
        ("Assistant director", "Director", "Lead director"),
    ),
    "screenwriting": Craft(
        "Screenwriter",
        ("Сценарист", "Сценаристка"),
        (
            "comedy series and sketch formats",
            "feature scripts adapted from contemporary prose",
            "children's animated series",
        ),
        (
            "комедийные сериалы и скетч-форматы",
            "полнометражные сценарии по современной прозе",
            "детские анимационные сериалы",
        ),
        ("Story editor", "Screenwriter", "Head writer"),
    ),
    "cinematography": Craft(
        "Cinematographer",
        ("Оператор-постановщик", "Оператор-постановщик"),
        (
            "natural-light photography in the mountains",
            "commercials and music videos",
            "documentary camera work in difficult terrain",
        ),
        (
            "съёмка при естественном свете в горах",
            "реклама и музыкальные клипы",
            "документальная съёмка в сложных условиях",
        ),
        ("Camera assistant", "Camera operator", "Director of photography"),
    ),
    "animation": Craft(
        "Animator",
        ("Аниматор", "Аниматор"),
        (
            "hand-drawn 2D animation for children's series",
            "stop-motion with felt and paper puppets",
            "character animation for games and short films",
        ),
        (
            "рисованная 2D-анимация для детских сериалов",
            "кукольная анимация из войлока и бумаги",
            "персонажная анимация для игр и короткого метра",
        ),
        ("Junior animator", "Animator", "Animation director"),
    ),
    "documentary": Craft(
        "Documentary filmmaker",
        ("Режиссёр-документалист", "Режиссёр-документалист"),
        (
            "observational films about craftspeople",
            "films about water, land and climate in Central Asia",
            "portraits of musicians and their families",
        ),
        (
            "наблюдательное кино о мастерах-ремесленниках",
            "фильмы о воде, земле и климате Центральной Азии",
            "портреты музыкантов и их семей",
        ),
        ("Researcher", "Documentary director", "Lead documentary director"),
    ),
    "vfx": Craft(
        "VFX artist",
        ("VFX-художник", "VFX-художница"),
        (
            "compositing and set extensions for feature films",
            "procedural environments in Houdini",
            "digital crowds and battle scenes for historical drama",
        ),
        (
            "композитинг и достройка декораций для кино",
            "процедурные окружения в Houdini",
            "цифровая массовка и батальные сцены для исторического кино",
        ),
        ("Junior compositor", "VFX artist", "VFX supervisor"),
    ),
    "sound-design": Craft(
        "Sound designer",
        ("Звукорежиссёр", "Звукорежиссёр"),
        (
            "film sound and foley",
            "sound for games and interactive installations",
            "field recordings of steppe and mountain landscapes",
        ),
        (
            "звук для кино и шумовое оформление",
            "звук для игр и интерактивных инсталляций",
            "полевые записи степи и гор",
        ),
        ("Foley artist", "Sound designer", "Supervising sound editor"),
    ),
    "graphic-design": Craft(
        "Graphic designer",
        ("Графический дизайнер", "Графический дизайнер"),
        (
            "type design for Cyrillic and Latin scripts",
            "brand identities for cultural institutions",
            "posters and book covers",
        ),
        (
            "шрифты для кириллицы и латиницы",
            "айдентика для культурных институций",
            "плакаты и книжные обложки",
        ),
        ("Junior designer", "Graphic designer", "Art director"),
    ),
    "fashion-design": Craft(
        "Fashion designer",
        ("Дизайнер одежды", "Дизайнер одежды"),
        (
            "ready-to-wear built on ikat and adras fabrics",
            "contemporary cuts with felt and quilted details",
            "slow-fashion capsule collections from local wool",
        ),
        (
            "прет-а-порте на основе иката и адраса",
            "современный крой с войлоком и стёжкой",
            "капсульные коллекции из местной шерсти",
        ),
        ("Design assistant", "Fashion designer", "Creative director"),
    ),
    "industrial-design": Craft(
        "Industrial designer",
        ("Промышленный дизайнер", "Промышленный дизайнер"),
        (
            "furniture and lighting made with local workshops",
            "household products from recycled materials",
            "street furniture and public spaces",
        ),
        (
            "мебель и свет вместе с местными мастерскими",
            "предметы быта из переработанных материалов",
            "городская мебель и общественные пространства",
        ),
    ),
    "ux-ui-design": Craft(
        "UX/UI designer",
        ("UX/UI-дизайнер", "UX/UI-дизайнер"),
        (
            "interfaces for museum and culture apps",
            "design systems for fintech and public services",
            "accessible interfaces in three languages",
        ),
        (
            "интерфейсы музейных и культурных приложений",
            "дизайн-системы для финтеха и госуслуг",
            "доступные интерфейсы на трёх языках",
        ),
        ("Junior product designer", "Product designer", "Head of design"),
    ),
    "interior-design": Craft(
        "Interior designer",
        ("Дизайнер интерьеров", "Дизайнер интерьеров"),
        (
            "hotels and restaurants that reuse traditional ornament",
            "renovating Soviet-era apartments",
            "exhibition design for museums",
        ),
        (
            "отели и рестораны с традиционным орнаментом",
            "реновация квартир в советских домах",
            "экспозиционный дизайн для музеев",
        ),
    ),
    "game-development": Craft(
        "Game developer",
        ("Разработчик игр", "Разработчица игр"),
        (
            "narrative games built on local myths",
            "mobile puzzle games",
            "multiplayer prototypes in Unity and Godot",
        ),
        (
            "нарративные игры на основе местных мифов",
            "мобильные головоломки",
            "мультиплеерные прототипы на Unity и Godot",
        ),
        ("Junior game developer", "Game developer", "Game director"),
    ),
    "xr": Craft(
        "XR developer",
        ("XR-разработчик", "XR-разработчица"),
        (
            "VR reconstructions of historic sites",
            "AR layers for city walks and museums",
            "mixed-reality stage performances",
        ),
        (
            "VR-реконструкции исторических памятников",
            "AR-маршруты по городу и музеям",
            "спектакли в смешанной реальности",
        ),
        ("Junior XR developer", "XR developer", "Head of XR"),
    ),
    "digital-art": Craft(
        "Digital artist",
        ("Цифровой художник", "Цифровая художница"),
        (
            "generative landscapes and projection mapping",
            "concept art for games and animation",
            "digital collages about nomadic heritage",
        ),
        (
            "генеративные пейзажи и видеомэппинг",
            "концепт-арт для игр и анимации",
            "цифровые коллажи о кочевом наследии",
        ),
        ("Junior concept artist", "Concept artist", "Art director"),
    ),
    "creative-coding": Craft(
        "Creative technologist",
        ("Креативный технолог", "Креативный технолог"),
        (
            "interactive installations with sensors and sound",
            "generative visuals for concerts",
            "tools that turn the rules of ornament into code",
        ),
        (
            "интерактивные инсталляции с датчиками и звуком",
            "генеративная графика для концертов",
            "инструменты, превращающие правила орнамента в код",
        ),
        ("Creative developer", "Creative technologist", "Technical director"),
    ),
    "composition": Craft(
        "Composer",
        ("Композитор", "Композитор"),
        (
            "film and theatre scores",
            "chamber music for traditional and Western instruments",
            "music for games",
        ),
        (
            "музыка для кино и театра",
            "камерная музыка для традиционных и европейских инструментов",
            "музыка для игр",
        ),
        ("Assistant composer", "Composer", "Music director"),
    ),
    "music-performance": Craft(
        "Musician",
        ("Музыкант", "Музыкант"),
        (
            "piano and chamber repertoire",
            "jazz and improvised music",
            "contemporary music ensembles",
        ),
        (
            "фортепиано и камерный репертуар",
            "джаз и импровизация",
            "ансамбли современной музыки",
        ),
        ("Ensemble musician", "Soloist", "Concertmaster"),
    ),
    "music-production": Craft(
        "Music producer",
        ("Музыкальный продюсер", "Музыкальный продюсер"),
        (
            "electronic music with folk samples",
            "pop and hip-hop records in national languages",
            "mixing and mastering for independent labels",
        ),
        (
            "электроника с фолк-семплами",
            "поп и хип-хоп на национальных языках",
            "сведение и мастеринг для независимых лейблов",
        ),
        ("Assistant engineer", "Music producer", "Head of production"),
    ),
    # Folk music depends on the country: see ETHNO below.
    "ethno-music": Craft(
        "Folk musician",
        ("Исполнитель народной музыки", "Исполнительница народной музыки"),
        ("folk repertoire in new arrangements",),
        ("народная музыка в новых аранжировках",),
        ("Ensemble musician", "Soloist", "Ensemble leader"),
    ),
    "theatre": Craft(
        "Theatre director",
        ("Театральный режиссёр", "Театральный режиссёр"),
        (
            "documentary theatre based on interviews",
            "plays in national languages for teenage audiences",
            "site-specific performances",
        ),
        (
            "документальный театр на основе интервью",
            "спектакли на национальных языках для подростков",
            "спектакли в городских пространствах",
        ),
        ("Assistant director", "Stage director", "Artistic director"),
    ),
    "dance": Craft(
        "Choreographer",
        ("Хореограф", "Хореограф"),
        (
            "contemporary dance drawing on folk movement",
            "dance for film and music videos",
            "inclusive dance projects",
        ),
        (
            "современный танец на основе народной пластики",
            "танец для кино и клипов",
            "инклюзивные танцевальные проекты",
        ),
        ("Dancer", "Choreographer", "Artistic director"),
    ),
    "circus": Craft(
        "Circus artist",
        ("Артист цирка", "Артистка цирка"),
        (
            "aerial acrobatics",
            "equestrian and acrobatic acts",
            "contemporary circus with live music",
        ),
        (
            "воздушная акробатика",
            "конные и акробатические номера",
            "современный цирк с живой музыкой",
        ),
        ("Artist", "Lead artist", "Company director"),
    ),
    "opera": Craft(
        "Opera singer",
        ("Оперный певец", "Оперная певица"),
        (
            "bel canto repertoire",
            "national operas and art song",
            "contemporary opera",
        ),
        (
            "репертуар бельканто",
            "национальная опера и камерная песня",
            "современная опера",
        ),
        ("Chorus singer", "Soloist", "Principal soloist"),
    ),
    "painting": Craft(
        "Painter",
        ("Художник", "Художница"),
        (
            "large-format landscapes",
            "portraits and everyday scenes",
            "abstract painting inspired by ornament",
        ),
        (
            "крупноформатные пейзажи",
            "портреты и бытовые сцены",
            "абстрактная живопись по мотивам орнамента",
        ),
    ),
    "sculpture": Craft(
        "Sculptor",
        ("Скульптор", "Скульптор"),
        (
            "bronze and stone",
            "public sculpture for parks and squares",
            "installations of felt and found materials",
        ),
        (
            "бронза и камень",
            "городская скульптура для парков и площадей",
            "инсталляции из войлока и найденных материалов",
        ),
    ),
    "photography": Craft(
        "Photographer",
        ("Фотограф", "Фотограф"),
        (
            "documentary photography of changing cities",
            "fashion and portrait photography",
            "landscape series along the Silk Road",
        ),
        (
            "документальная фотография меняющихся городов",
            "фэшн- и портретная съёмка",
            "пейзажные серии вдоль Шёлкового пути",
        ),
        ("Photo assistant", "Photographer", "Photo editor"),
    ),
    "illustration": Craft(
        "Illustrator",
        ("Иллюстратор", "Иллюстратор"),
        (
            "children's picture books",
            "editorial illustration",
            "illustrated maps and museum guides",
        ),
        (
            "детские книжки-картинки",
            "иллюстрации для медиа",
            "иллюстрированные карты и путеводители для музеев",
        ),
    ),
    "street-art": Craft(
        "Street artist",
        ("Стрит-арт художник", "Стрит-арт художница"),
        (
            "murals on Soviet-era apartment blocks",
            "festival murals and neighbourhood walls",
            "stencils and paste-ups",
        ),
        (
            "муралы на советских многоэтажках",
            "фестивальные муралы и районные стены",
            "трафареты и пейст-апы",
        ),
    ),
    "carpet-weaving": Craft(
        "Carpet weaver",
        ("Мастер ковроткачества", "Мастерица ковроткачества"),
        (
            "hand-knotted carpets with natural dyes",
            "restoration of antique carpets",
            "new designs drawn from tribal patterns",
        ),
        (
            "ковры ручной работы на натуральных красителях",
            "реставрация старинных ковров",
            "новые узоры на основе родовых орнаментов",
        ),
        ("Apprentice weaver", "Weaver", "Master weaver"),
    ),
    "ceramics": Craft(
        "Ceramicist",
        ("Керамист", "Керамистка"),
        (
            "hand-built vessels and tiles",
            "architectural ceramics and majolica",
            "studio pottery from local clays",
        ),
        (
            "лепная посуда и изразцы",
            "архитектурная керамика и майолика",
            "студийная керамика из местных глин",
        ),
        ("Apprentice potter", "Ceramicist", "Master ceramicist"),
    ),
    "jewellery": Craft(
        "Jeweller",
        ("Ювелир", "Ювелир"),
        (
            "silver jewellery with traditional motifs",
            "contemporary pieces with felt and enamel",
            "restoration of heirloom jewellery",
        ),
        (
            "серебряные украшения с традиционными мотивами",
            "современные украшения с войлоком и эмалью",
            "реставрация старинных украшений",
        ),
        ("Apprentice jeweller", "Jeweller", "Master jeweller"),
    ),
    "felt-making": Craft(
        "Felt maker",
        ("Мастер по войлоку", "Мастерица по войлоку"),
        (
            "shyrdak and ala-kiyiz carpets",
            "felt for fashion and interiors",
            "felt toys and workshops for children",
        ),
        (
            "ширдаки и ала-кийизы",
            "войлок для моды и интерьера",
            "войлочные игрушки и мастер-классы для детей",
        ),
        ("Apprentice felt maker", "Felt maker", "Master felt maker"),
    ),
    "woodcarving": Craft(
        "Wood carver",
        ("Резчик по дереву", "Мастер резьбы по дереву"),
        (
            "carved doors and columns",
            "furniture with carved ornament",
            "restoration of carved ceilings",
        ),
        (
            "резные двери и колонны",
            "мебель с резным орнаментом",
            "реставрация резных потолков",
        ),
        ("Apprentice carver", "Wood carver", "Master carver"),
    ),
    "heritage-preservation": Craft(
        "Heritage specialist",
        ("Специалист по наследию", "Специалист по наследию"),
        (
            "digitising museum collections",
            "3D documentation of monuments",
            "oral histories of craft communities",
        ),
        (
            "оцифровка музейных коллекций",
            "3D-документация памятников",
            "устная история ремесленных сообществ",
        ),
        ("Research assistant", "Heritage specialist", "Head of conservation"),
    ),
    "literature": Craft(
        "Writer",
        ("Писатель", "Писательница"),
        (
            "short prose about the post-Soviet city",
            "novels for young adults",
            "poetry in two languages",
        ),
        (
            "короткая проза о постсоветском городе",
            "романы для подростков",
            "стихи на двух языках",
        ),
        ("Junior editor", "Author", "Senior editor"),
    ),
    "comics": Craft(
        "Comics artist",
        ("Художник комиксов", "Художница комиксов"),
        (
            "graphic novels retelling the epics",
            "webcomics",
            "educational comics",
        ),
        (
            "графические романы по мотивам эпоса",
            "веб-комиксы",
            "образовательные комиксы",
        ),
    ),
    "journalism": Craft(
        "Journalist",
        ("Журналист", "Журналистка"),
        (
            "long reads about culture and cities",
            "data journalism",
            "reporting on the creative economy",
        ),
        (
            "лонгриды о культуре и городах",
            "журналистика данных",
            "репортажи о креативной экономике",
        ),
        ("Reporter", "Correspondent", "Editor"),
    ),
    "podcasting": Craft(
        "Podcast host",
        ("Ведущий подкаста", "Ведущая подкаста"),
        (
            "interview podcasts with artists",
            "audio documentaries",
            "stories from music history",
        ),
        (
            "подкасты-интервью с художниками",
            "аудиодокументалистика",
            "рассказы об истории музыки",
        ),
        ("Podcast producer", "Host", "Head of audio"),
    ),
    "translation": Craft(
        "Literary translator",
        ("Литературный переводчик", "Литературная переводчица"),
        (
            "contemporary prose between Russian and the national languages",
            "subtitles and dubbing scripts",
            "poetry translation",
        ),
        (
            "современная проза с русского и на национальные языки",
            "субтитры и тексты для дубляжа",
            "перевод поэзии",
        ),
    ),
}

# Folk music is what the country plays: (English focus, Russian focus).
ETHNO: dict[str, list[tuple[str, str]]] = {
    "KZ": [
        ("the dombra küy repertoire", "кюи для домбры"),
        ("kobyz and throat singing", "кобыз и горловое пение"),
    ],
    "UZ": [
        ("shashmaqom and classical maqom singing", "шашмаком и классические макомы"),
        ("dutar and doira ensembles", "ансамбли дутара и дойры"),
    ],
    "TJ": [
        ("shashmaqom and Pamiri songs", "шашмаком и памирские песни"),
        ("the rubab and the setor", "рубаб и сетор"),
    ],
    "KG": [
        ("komuz küü and epic storytelling", "кюу для комуза и эпический сказ"),
        ("temir komuz and throat singing", "темир-комуз и горловое пение"),
    ],
    "AZ": [
        ("mugham on the tar", "мугам на таре"),
        ("the kamancha in a mugham trio", "кяманча в мугамном трио"),
    ],
    "AM": [
        ("the duduk and sacred music", "дудук и духовная музыка"),
        ("arrangements of Armenian folk songs", "обработки армянских народных песен"),
    ],
    "TM": [("the dutar and the bagshy song tradition", "дутар и песенная традиция бахши")],
    "MN": [
        ("the morin khuur and long song", "моринхуур и протяжная песня"),
        ("khöömei throat singing", "горловое пение хоомей"),
    ],
    "MD": [("the nai and the cimbalom", "най и цимбалы")],
    "BY": [("tsymbaly and Polesian songs", "цимбалы и полесские песни")],
    "RU": [
        (
            "Russian and Tatar folk songs in new arrangements",
            "русская и татарская народная песня в новых аранжировках",
        )
    ],
    "GE": [("Georgian polyphonic singing", "грузинское многоголосие")],
    "TR": [("the bağlama and Anatolian folk music", "саз-багламa и анатолийская народная музыка")],
}

# A second or third discipline is usually a neighbouring one.
RELATED: dict[str, tuple[str, ...]] = {
    "film-directing": ("screenwriting", "documentary", "cinematography", "theatre"),
    "screenwriting": ("film-directing", "literature", "translation", "comics"),
    "cinematography": ("documentary", "photography", "film-directing", "vfx"),
    "animation": ("illustration", "vfx", "digital-art", "comics", "screenwriting"),
    "documentary": ("cinematography", "journalism", "film-directing", "photography"),
    "vfx": ("animation", "digital-art", "cinematography", "xr"),
    "sound-design": ("music-production", "composition", "podcasting"),
    "graphic-design": ("illustration", "ux-ui-design", "comics", "street-art"),
    "fashion-design": ("felt-making", "photography", "jewellery", "graphic-design"),
    "industrial-design": ("interior-design", "ceramics", "woodcarving"),
    "ux-ui-design": ("graphic-design", "game-development", "creative-coding"),
    "interior-design": ("industrial-design", "graphic-design", "carpet-weaving"),
    "game-development": ("creative-coding", "xr", "digital-art", "sound-design"),
    "xr": ("game-development", "creative-coding", "heritage-preservation", "vfx"),
    "digital-art": ("illustration", "animation", "creative-coding", "street-art"),
    "creative-coding": ("digital-art", "xr", "music-production"),
    "composition": ("music-performance", "sound-design", "music-production"),
    "music-performance": ("composition", "ethno-music", "opera"),
    "music-production": ("sound-design", "composition", "ethno-music", "podcasting"),
    "ethno-music": ("music-performance", "composition", "music-production"),
    "theatre": ("dance", "film-directing", "literature"),
    "dance": ("theatre", "circus"),
    "circus": ("dance", "theatre"),
    "opera": ("music-performance", "theatre"),
    "painting": ("illustration", "sculpture", "street-art"),
    "sculpture": ("painting", "ceramics", "woodcarving"),
    "photography": ("documentary", "journalism", "cinematography"),
    "illustration": ("comics", "painting", "graphic-design", "animation"),
    "street-art": ("painting", "graphic-design", "illustration"),
    "carpet-weaving": ("heritage-preservation", "felt-making", "interior-design"),
    "ceramics": ("sculpture", "heritage-preservation", "industrial-design"),
    "jewellery": ("heritage-preservation", "fashion-design"),
    "felt-making": ("fashion-design", "carpet-weaving", "heritage-preservation"),
    "woodcarving": ("heritage-preservation", "sculpture", "industrial-design"),
    "heritage-preservation": ("documentary", "photography", "xr", "journalism"),
    "literature": ("translation", "journalism", "screenwriting"),
    "comics": ("illustration", "literature", "animation"),
    "journalism": ("podcasting", "photography", "documentary", "literature"),
    "podcasting": ("journalism", "sound-design", "music-production"),
    "translation": ("literature", "journalism", "screenwriting"),
}

# What each country is strong in: primary disciplines drawn three times as often.
STRENGTHS: dict[str, tuple[str, ...]] = {
    "KZ": (
        "animation",
        "game-development",
        "film-directing",
        "music-production",
        "ethno-music",
        "xr",
    ),
    "UZ": (
        "ceramics",
        "carpet-weaving",
        "fashion-design",
        "film-directing",
        "game-development",
        "ethno-music",
    ),
    "KG": ("felt-making", "documentary", "ethno-music", "game-development"),
    "TJ": ("documentary", "ethno-music", "woodcarving", "photography"),
    "AM": ("animation", "game-development", "creative-coding", "ethno-music"),
    "AZ": ("carpet-weaving", "ethno-music", "graphic-design", "podcasting"),
    "BY": ("vfx", "game-development", "theatre", "illustration"),
    "RU": ("animation", "composition", "theatre", "literature"),
    "MD": ("fashion-design", "music-production", "photography"),
    "TM": ("carpet-weaving", "jewellery", "ethno-music"),
    "GE": ("illustration", "music-performance"),
    "MN": ("ethno-music", "felt-making"),
    "TR": ("music-production", "ethno-music"),
}

# Young fields: nobody has practised them for longer than this (podcasting took off in the
# region in the late 2000s, consumer VR in the 2010s). Older people rarely start in them.
YOUNG_FIELDS = {
    "podcasting": 15,
    "xr": 11,
    "ux-ui-design": 17,
    "creative-coding": 18,
    "game-development": 25,
    "digital-art": 25,
    "vfx": 28,
    "street-art": 28,
}

# Crafts that are not a tradition of the country: drawn much less often.
RARE: dict[str, tuple[str, ...]] = {
    "RU": ("carpet-weaving", "felt-making"),
    "BY": ("carpet-weaving", "felt-making"),
    "MD": ("felt-making",),
    "AM": ("felt-making",),
}

# Portfolio link titles per sector; {y} is a recent year.
PORTFOLIO: dict[str, tuple[str, ...]] = {
    "audiovisual": ("Showreel {y}", "Filmography", "Selected shorts"),
    "design": ("Portfolio", "Case studies {y}", "Selected projects"),
    "new-media": ("Showreel {y}", "Project archive", "Game jam entries"),
    "music": ("Discography", "Live session {y}", "Scores and recordings"),
    "performing-arts": ("Performance video {y}", "Repertoire", "Press kit"),
    "visual-arts": ("Selected works", "Exhibition catalogue {y}", "Portfolio"),
    "crafts-heritage": ("Catalogue {y}", "Workshop gallery", "Selected works"),
    "publishing-media": ("Publications", "Selected articles {y}", "Bibliography"),
}

# --- Places -------------------------------------------------------------------------------

# English name -> Russian name and the Russian locative ("в Алматы").
CITY_RU: dict[str, tuple[str, str]] = {
    "Almaty": ("Алматы", "в Алматы"),
    "Astana": ("Астана", "в Астане"),
    "Shymkent": ("Шымкент", "в Шымкенте"),
    "Karaganda": ("Караганда", "в Караганде"),
    "Turkistan": ("Туркестан", "в Туркестане"),
    "Oskemen": ("Усть-Каменогорск", "в Усть-Каменогорске"),
    "Aktobe": ("Актобе", "в Актобе"),
    "Pavlodar": ("Павлодар", "в Павлодаре"),
    "Aktau": ("Актау", "в Актау"),
    "Tashkent": ("Ташкент", "в Ташкенте"),
    "Samarkand": ("Самарканд", "в Самарканде"),
    "Bukhara": ("Бухара", "в Бухаре"),
    "Fergana": ("Фергана", "в Фергане"),
    "Namangan": ("Наманган", "в Намангане"),
    "Nukus": ("Нукус", "в Нукусе"),
    "Khiva": ("Хива", "в Хиве"),
    "Andijan": ("Андижан", "в Андижане"),
    "Bishkek": ("Бишкек", "в Бишкеке"),
    "Osh": ("Ош", "в Оше"),
    "Karakol": ("Каракол", "в Караколе"),
    "Naryn": ("Нарын", "в Нарыне"),
    "Dushanbe": ("Душанбе", "в Душанбе"),
    "Khujand": ("Худжанд", "в Худжанде"),
    "Khorog": ("Хорог", "в Хороге"),
    "Kulob": ("Куляб", "в Кулябе"),
    "Yerevan": ("Ереван", "в Ереване"),
    "Gyumri": ("Гюмри", "в Гюмри"),
    "Dilijan": ("Дилижан", "в Дилижане"),
    "Baku": ("Баку", "в Баку"),
    "Ganja": ("Гянджа", "в Гяндже"),
    "Sheki": ("Шеки", "в Шеки"),
    "Minsk": ("Минск", "в Минске"),
    "Grodno": ("Гродно", "в Гродно"),
    "Vitebsk": ("Витебск", "в Витебске"),
    "Brest": ("Брест", "в Бресте"),
    "Moscow": ("Москва", "в Москве"),
    "Saint Petersburg": ("Санкт-Петербург", "в Санкт-Петербурге"),
    "Kazan": ("Казань", "в Казани"),
    "Yekaterinburg": ("Екатеринбург", "в Екатеринбурге"),
    "Novosibirsk": ("Новосибирск", "в Новосибирске"),
    "Chisinau": ("Кишинёв", "в Кишинёве"),
    "Balti": ("Бельцы", "в Бельцах"),
    "Cahul": ("Кагул", "в Кагуле"),
    "Ashgabat": ("Ашхабад", "в Ашхабаде"),
    "Mary": ("Мары", "в Мары"),
    "Turkmenabat": ("Туркменабат", "в Туркменабате"),
    "Tbilisi": ("Тбилиси", "в Тбилиси"),
    "Ulaanbaatar": ("Улан-Батор", "в Улан-Баторе"),
    "Istanbul": ("Стамбул", "в Стамбуле"),
}

CITIES: dict[str, list[tuple[str, float]]] = {
    "KZ": [
        ("Almaty", 42),
        ("Astana", 30),
        ("Shymkent", 8),
        ("Karaganda", 5),
        ("Turkistan", 4),
        ("Oskemen", 3),
        ("Aktobe", 3),
        ("Pavlodar", 2),
        ("Aktau", 3),
    ],
    "UZ": [
        ("Tashkent", 55),
        ("Samarkand", 14),
        ("Bukhara", 10),
        ("Fergana", 5),
        ("Namangan", 4),
        ("Nukus", 5),
        ("Khiva", 4),
        ("Andijan", 3),
    ],
    "KG": [("Bishkek", 72), ("Osh", 14), ("Karakol", 8), ("Naryn", 6)],
    "TJ": [("Dushanbe", 65), ("Khujand", 20), ("Khorog", 8), ("Kulob", 7)],
    "AM": [("Yerevan", 85), ("Gyumri", 10), ("Dilijan", 5)],
    "AZ": [("Baku", 85), ("Ganja", 8), ("Sheki", 7)],
    "BY": [("Minsk", 75), ("Grodno", 10), ("Vitebsk", 10), ("Brest", 5)],
    "RU": [("Moscow", 50), ("Saint Petersburg", 30), ("Yekaterinburg", 10), ("Novosibirsk", 10)],
    "MD": [("Chisinau", 80), ("Balti", 15), ("Cahul", 5)],
    "TM": [("Ashgabat", 80), ("Mary", 10), ("Turkmenabat", 10)],
    "GE": [("Tbilisi", 1)],
    "MN": [("Ulaanbaatar", 1)],
    "TR": [("Istanbul", 1)],
}

# How many creators each country gets (pinned creators count towards these).
COUNTS = {
    "KZ": 50,
    "UZ": 40,
    "KG": 18,
    "RU": 16,
    "AM": 14,
    "AZ": 14,
    "TJ": 12,
    "BY": 12,
    "MD": 10,
    "TM": 6,
    "GE": 3,
    "MN": 3,
    "TR": 2,
}

# Chance that a bio is written in Russian rather than English.
RUSSIAN_BIO = {
    "RU": 0.85,
    "BY": 0.8,
    "KZ": 0.55,
    "KG": 0.6,
    "TJ": 0.55,
    "UZ": 0.4,
    "TM": 0.4,
    "AM": 0.3,
    "AZ": 0.3,
    "MD": 0.3,
    "GE": 0.0,
    "MN": 0.3,
    "TR": 0.0,
}


# --- Names --------------------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    """One naming tradition within a country, and the languages its people speak."""

    country: str
    weight: float
    native: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    script: str = "latn"  # the script the names are written in: cyrl, latn, armn, geor
    latin_share: float = 0.0  # share of Cyrillic-named people who write their name in Latin
    patronymics: tuple[str, ...] = ()  # Kazakh "-ұлы / -қызы" surnames from fathers' names
    cities: tuple[str, ...] = ()  # restrict to these cities
    russian: str = "ru-fluent"  # key into RUSSIAN_LEVELS
    extra: tuple[tuple[str, float, tuple[str, ...]], ...] = ()  # (language, chance, levels)


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PEOPLES: tuple[People, ...] = (
    People(
        "KZ",
        0.8,
        "kk",
        _w(
            "Ерлан Айбек Нұрлан Дәурен Асқар Ерболат Арман Бауыржан Санжар Алихан Темірлан "
            "Дархан Қайрат Ғалым Жандос Абылай Олжас Ержан Мұрат Әлішер Елдос Бекзат Даурен Аскар"
        ),
        _w(
            "Айгерим Әсел Аружан Дана Жанар Салтанат Гүлнар Мадина Динара Сәуле Аида Томирис "
            "Жұлдыз Камила Ақбота Баян Индира Мөлдір Назерке Шынар Айдана Ділназ Асель Әйгерім"
        ),
        _w(
            "Садыков Жумабаев Сериков Абенов Нурпеисов Ахметов Байжанов Есенов Мусин Тулегенов "
            "Касымов Омаров Иманбаев Жакупов Кенжебаев Утепов Оспанов Сарсенбаев Темирханов "
            "Бекмуханов Ермеков Муканов Абдрахманов Исабеков"
        ),
        script="cyrl",
        latin_share=0.25,
        patronymics=_w("Нұрлан Серік Асқар Бақыт Ержан Марат Қанат"),
        russian="ru-kz",
        extra=(
            ("tr", 0.06, ("BASIC", "CONVERSATIONAL")),
            ("zh", 0.04, ("BASIC", "CONVERSATIONAL")),
        ),
    ),
    People(
        "KZ",
        0.2,
        "ru",
        _w("Дмитрий Алексей Виктор Андрей Сергей Денис Вадим Роман Станислав"),
        _w("Анастасия Екатерина Ольга Юлия Ксения Наталья Алина Валерия Виктория"),
        _w(
            "Ким Пак Цой Ли Тен Кузнецов Волков Шевченко Литвинов Гончаров Федоров Белоусов Захаров"
        ),
        script="cyrl",
        latin_share=0.2,
        russian="native",
        extra=(("kk", 0.8, ("BASIC", "CONVERSATIONAL", "CONVERSATIONAL", "PROFESSIONAL")),),
    ),
    People(
        "UZ",
        0.85,
        "uz",
        _w(
            "Sardor Jasur Bobur Otabek Sherzod Javohir Doniyor Aziz Farrux Ulugʻbek Jahongir "
            "Rustam Shohruh Abdulla Islom Temur Akmal Botir Sanjar Diyor"
        ),
        _w(
            "Dilnoza Nodira Madina Malika Gulnora Shahnoza Zarina Sevara Nilufar Kamola Mohinur "
            "Feruza Dildora Laylo Oʻgʻiloy Nigora Gulchehra Zulfiya Munisa Sabina"
        ),
        _w(
            "Karimov Rahimov Yusupov Tursunov Qodirov Ergashev Saidov Xolmatov Normatov "
            "Abdullayev Ismoilov Mirzayev Sultonov Rashidov Toʻxtayev Gʻulomov Nazarov Umarov "
            "Hasanov Yoʻldoshev Qurbonov Azimov"
        ),
        russian="ru-uz",
        extra=(("tr", 0.05, ("BASIC", "CONVERSATIONAL")),),
    ),
    People(
        "UZ",
        0.15,
        "ru",
        _w("Тимур Артур Руслан Денис Игорь Ренат Вячеслав"),
        _w("Ирина Ольга Лилия Диана Эльвира Наталья Евгения"),
        _w("Ким Пак Тен Цой Хан Сафин Хабибуллин Ахмеджанов Волков Ли"),
        script="cyrl",
        latin_share=0.2,
        russian="native",
        cities=("Tashkent", "Samarkand"),
        extra=(("uz", 0.8, ("BASIC", "CONVERSATIONAL", "PROFESSIONAL")),),
    ),
    People(
        "KG",
        1.0,
        "ky",
        _w("Бакыт Нурбек Азамат Эрлан Бектур Айбек Данияр Мирлан Эмил Темирлан Улан Чынгыз Алмаз"),
        _w(
            "Айпери Бегимай Айжан Нуриза Мээрим Айдана Жылдыз Чолпон Элнура Асель Назира "
            "Гулнара Бермет"
        ),
        _w(
            "Жээнбеков Токтогулов Асанов Осмонов Сыдыков Абдыкадыров Турдубаев Мамбетов "
            "Алымкулов Эсенгулов Касымалиев Бакиров Усенов Шаршеналиев"
        ),
        script="cyrl",
        latin_share=0.15,
        russian="ru-fluent",
        extra=(
            ("kk", 0.12, ("CONVERSATIONAL", "PROFESSIONAL")),
            ("tr", 0.08, ("BASIC", "CONVERSATIONAL")),
        ),
    ),
    People(
        "TJ",
        1.0,
        "tg",
        _w("Ҷамшед Фаррух Рустам Комрон Парвиз Далер Сино Шаҳром Бахтиёр Илҳом Манучеҳр Фирдавс"),
        _w(
            "Нигина Фарангис Малика Зарина Мадина Шаҳноза Гулнора Дилором Таҳмина Мунира "
            "Сурайё Нилуфар"
        ),
        _w(
            "Сафарзода Шарифзода Назарзода Каримзода Давлатзода Раҳимов Саидов Назаров Мирзоев "
            "Ҳасанов Қурбонов Одинаев Шарипов"
        ),
        script="cyrl",
        latin_share=0.15,
        russian="ru-tj",
        extra=(
            ("fa", 0.3, ("PROFESSIONAL", "FLUENT")),
            ("uz", 0.2, ("CONVERSATIONAL", "PROFESSIONAL")),
        ),
    ),
    People(
        "AM",
        1.0,
        "hy",
        _w("Davit Narek Aram Tigran Hayk Armen Gor Vahe Levon Arman Karen Samvel"),
        _w("Anahit Lilit Ani Mariam Nare Gohar Anush Sona Tatev Lusine Astghik Siranush"),
        _w(
            "Grigoryan Hakobyan Sargsyan Petrosyan Harutyunyan Hovhannisyan Mkrtchyan Ghazaryan "
            "Avetisyan Vardanyan Karapetyan Martirosyan Manukyan Poghosyan"
        ),
        russian="ru-am",
        extra=(("fr", 0.1, ("BASIC", "CONVERSATIONAL")), ("de", 0.06, ("BASIC", "CONVERSATIONAL"))),
    ),
    People(
        "AZ",
        1.0,
        "az",
        _w("Rəşad Tural Elvin Orxan Kamran Fuad Nicat Murad Elçin Ramil Vüsal Anar Rauf"),
        _w("Leyla Günel Nigar Aysel Fidan Səbinə Nərmin Aytən Lalə Türkan Könül Sevinc"),
        _w(
            "Məmmədov Əliyev Hüseynov Quliyev Həsənov Abbasov Rzayev Nəsirov Cəfərov İsmayılov "
            "Babayev Vəliyev Kərimov Süleymanov Əlizadə Hüseynli Qasımlı Mirzəzadə"
        ),
        russian="ru-az",
        extra=(("tr", 0.6, ("PROFESSIONAL", "FLUENT")),),
    ),
    People(
        "BY",
        0.65,
        "ru",
        _w("Алексей Дмитрий Андрей Павел Максим Артём Игорь Виктор Денис"),
        _w("Анастасия Ольга Дарья Алеся Ксения Мария Екатерина Татьяна Юлия"),
        _w(
            "Лукашевич Жук Козлов Новик Шиманский Василевич Мельник Сидорович Кравченко Ковальчук "
            "Богданович Климович"
        ),
        script="cyrl",
        latin_share=0.1,
        russian="native",
        extra=(
            ("be", 1.0, ("CONVERSATIONAL", "PROFESSIONAL", "FLUENT")),
            ("pl", 0.1, ("BASIC", "CONVERSATIONAL")),
        ),
    ),
    People(
        "BY",
        0.35,
        "be",
        _w("Алесь Янка Мікола Андрэй Зміцер Павел Сяргей"),
        _w("Алеся Кацярына Вольга Ганна Юлія Марына Святлана"),
        _w("Лукашэвіч Шыманскі Жук Навіцкі Мельнік Сідарэвіч Карпенка Кавальчук Багдановіч"),
        script="cyrl",
        russian="ru-native-or-fluent",
        extra=(("pl", 0.15, ("BASIC", "CONVERSATIONAL")),),
    ),
    People(
        "RU",
        0.8,
        "ru",
        _w("Алексей Дмитрий Иван Михаил Сергей Никита Артём Кирилл Егор Павел Антон Илья"),
        _w("Анна Мария Екатерина Дарья Полина Ольга Елена Татьяна Алиса Вероника Ксения София"),
        _w(
            "Смирнов Кузнецов Соколов Морозов Лебедев Волков Орлов Зайцев Белов Громов Никитин "
            "Фролов Тарасов Воронцов"
        ),
        script="cyrl",
        russian="native",
        extra=(
            ("de", 0.06, ("BASIC", "CONVERSATIONAL")),
            ("fr", 0.05, ("BASIC", "CONVERSATIONAL")),
        ),
    ),
    People(
        "RU",
        0.2,
        "tt",
        _w("Айдар Ринат Ильдар Рустем Тимур Булат"),
        _w("Алсу Гульназ Камила Лейсан Диляра Айгуль"),
        _w("Гарипов Сафин Хабибуллин Зарипов Валиев Мингазов"),
        script="cyrl",
        cities=("Kazan",),
        russian="native",
    ),
    People(
        "MD",
        0.85,
        "ro",
        _w("Ion Andrei Mihai Vlad Ștefan Radu Victor Alexandru Dumitru Nicolae Sergiu Cristian"),
        _w("Ana Mihaela Cristina Doina Ioana Irina Elena Natalia Daniela Olesea Mariana Corina"),
        _w(
            "Ciobanu Rusu Lungu Cebotari Munteanu Bălan Țurcanu Rotaru Sârbu Cojocaru Moraru "
            "Botnaru Ursu Guțu Vieru"
        ),
        russian="ru-md",
        extra=(
            ("fr", 0.2, ("CONVERSATIONAL", "PROFESSIONAL")),
            ("it", 0.1, ("BASIC", "CONVERSATIONAL")),
        ),
    ),
    People(
        "MD",
        0.15,
        "ru",
        _w("Сергей Александр Виталий"),
        _w("Наталья Оксана Марина"),
        _w("Гуцу Русу Чебан Мунтяну"),
        script="cyrl",
        russian="native",
        extra=(("ro", 1.0, ("PROFESSIONAL", "FLUENT")),),
    ),
    People(
        "TM",
        1.0,
        "tk",
        _w("Merdan Batyr Myrat Döwlet Serdar Arslan Begenç Maksat Kakajan"),
        _w("Maýsa Aýna Jeren Gülşat Leýli Mähri Bahar Selbi Ene"),
        _w(
            "Annaýew Orazow Gurbanow Hojamyradow Ataýew Garaýew Nurmuhammedow Berdiýew "
            "Saparow Amanow Öwezow Durdyýew"
        ),
        russian="ru-tm",
        extra=(("tr", 0.4, ("CONVERSATIONAL", "PROFESSIONAL")),),
    ),
    People(
        "GE",
        1.0,
        "ka",
        _w("Giorgi Levan Luka Davit"),
        _w("Nino Tamar Mariam Ana"),
        _w("Beridze Kapanadze Gelashvili Lomidze Tsiklauri Japaridze Chkheidze"),
        russian="ru-ge",
    ),
    People(
        "MN",
        1.0,
        "mn",
        _w("Тэмүүлэн Билгүүн Энхбаяр Ганзориг"),
        _w("Сарангэрэл Номин Анужин Оюунчимэг"),
        _w("Батболд Ганбаатар Дорж Пүрэвсүрэн Эрдэнэбат"),
        script="cyrl",
        russian="ru-mn",
        extra=(("ko", 0.15, ("BASIC", "CONVERSATIONAL")),),
    ),
    People(
        "TR",
        1.0,
        "tr",
        _w("Mert Emre Can Burak"),
        _w("Elif Zeynep Ayşe Defne"),
        _w("Yıldız Aydın Kaya Demir Çelik Şahin"),
        russian="none",
        extra=(("az", 0.2, ("CONVERSATIONAL",)),),
    ),
)

# Names written in their own script: Latin transliteration -> native spelling.
ARMENIAN = {
    "Davit": "Դավիթ",
    "Narek": "Նարեկ",
    "Aram": "Արամ",
    "Tigran": "Տիգրան",
    "Hayk": "Հայկ",
    "Armen": "Արմեն",
    "Anahit": "Անահիտ",
    "Lilit": "Լիլիթ",
    "Ani": "Անի",
    "Mariam": "Մարիամ",
    "Gohar": "Գոհար",
    "Anush": "Անուշ",
    "Tatev": "Տաթև",
    "Grigoryan": "Գրիգորյան",
    "Hakobyan": "Հակոբյան",
    "Sargsyan": "Սարգսյան",
    "Petrosyan": "Պետրոսյան",
    "Harutyunyan": "Հարությունյան",
    "Hovhannisyan": "Հովհաննիսյան",
    "Mkrtchyan": "Մկրտչյան",
    "Ghazaryan": "Ղազարյան",
    "Avetisyan": "Ավետիսյան",
    "Vardanyan": "Վարդանյան",
    "Karapetyan": "Կարապետյան",
}
GEORGIAN = {
    "Giorgi": "გიორგი",
    "Levan": "ლევანი",
    "Luka": "ლუკა",
    "Davit": "დავით",
    "Nino": "ნინო",
    "Tamar": "თამარ",
    "Mariam": "მარიამ",
    "Ana": "ანა",
    "Beridze": "ბერიძე",
    "Kapanadze": "კაპანაძე",
    "Gelashvili": "გელაშვილი",
    "Lomidze": "ლომიძე",
    "Tsiklauri": "წიკლაური",
    "Japaridze": "ჯაფარიძე",
    "Chkheidze": "ჩხეიძე",
}

# How well people of each group speak Russian: (level or None, weight) for young and older.
RUSSIAN_LEVELS: dict[str, tuple[list[tuple[str | None, float]], list[tuple[str | None, float]]]] = {
    "native": ([("NATIVE", 1)], [("NATIVE", 1)]),
    "ru-native-or-fluent": ([("NATIVE", 5), ("FLUENT", 5)], [("NATIVE", 6), ("FLUENT", 4)]),
    "ru-kz": ([("NATIVE", 2), ("FLUENT", 6), ("PROFESSIONAL", 2)], [("NATIVE", 3), ("FLUENT", 7)]),
    "ru-fluent": (
        [("FLUENT", 6), ("PROFESSIONAL", 3), ("CONVERSATIONAL", 1)],
        [("FLUENT", 8), ("PROFESSIONAL", 2)],
    ),
    "ru-uz": (
        [("PROFESSIONAL", 3), ("CONVERSATIONAL", 4), ("FLUENT", 2), ("BASIC", 1)],
        [("FLUENT", 6), ("PROFESSIONAL", 4)],
    ),
    "ru-tj": (
        [("CONVERSATIONAL", 4), ("PROFESSIONAL", 4), ("BASIC", 2)],
        [("FLUENT", 5), ("PROFESSIONAL", 5)],
    ),
    "ru-am": (
        [("PROFESSIONAL", 5), ("FLUENT", 3), ("CONVERSATIONAL", 2)],
        [("FLUENT", 8), ("PROFESSIONAL", 2)],
    ),
    "ru-az": (
        [("CONVERSATIONAL", 4), ("PROFESSIONAL", 3), ("FLUENT", 2), (None, 1)],
        [("FLUENT", 6), ("PROFESSIONAL", 4)],
    ),
    "ru-md": (
        [("PROFESSIONAL", 4), ("FLUENT", 3), ("CONVERSATIONAL", 3)],
        [("FLUENT", 8), ("PROFESSIONAL", 2)],
    ),
    "ru-tm": (
        [("CONVERSATIONAL", 5), ("PROFESSIONAL", 3), ("BASIC", 2)],
        [("FLUENT", 5), ("PROFESSIONAL", 5)],
    ),
    "ru-ge": (
        [(None, 5), ("BASIC", 3), ("CONVERSATIONAL", 2)],
        [("CONVERSATIONAL", 5), ("PROFESSIONAL", 5)],
    ),
    "ru-mn": ([(None, 6), ("BASIC", 4)], [("BASIC", 5), ("CONVERSATIONAL", 5)]),
    "none": ([(None, 1)], [(None, 1)]),
}

ENGLISH_LEVELS = (
    [("PROFESSIONAL", 35), ("FLUENT", 25), ("CONVERSATIONAL", 30), ("BASIC", 10)],
    [(None, 30), ("BASIC", 25), ("CONVERSATIONAL", 25), ("PROFESSIONAL", 15), ("FLUENT", 5)],
)

# --- Transliteration, for handles and for people who write their name in Latin -----------

CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Kazakh, Kyrgyz, Mongolian
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
    # Tajik
    "ҳ": "h",
    "ҷ": "j",
    "ӣ": "i",
    "ӯ": "u",
    # Belarusian
    "ў": "u",
}
LATIN = {
    "ə": "a",
    "ı": "i",
    "ş": "sh",
    "ç": "ch",
    "ğ": "g",
    "ö": "o",
    "ü": "u",
    "ä": "a",
    "ý": "y",
    "ň": "n",
    "ž": "zh",
    "ș": "s",
    "ț": "ts",
    "ă": "a",
    "â": "a",
    "î": "i",
    "ʻ": "",
    "’": "",
}
# Azerbaijani, Turkmen and Uzbek letters read differently in an English-style handle.
HANDLE_LETTERS = {
    "AZ": {"c": "j", "x": "kh", "q": "g"},
    "TM": {"w": "v"},
    "UZ": {"x": "kh"},
}


def to_latin(text: str, language: str = "") -> str:
    """Cyrillic to readable Latin: 'Жұлдыз Серікқызы' -> 'Zhuldyz Serikkyzy'."""
    out = []
    for char in text:
        low = char.lower()
        if low in CYRILLIC:
            latin = "h" if language == "be" and low == "г" else CYRILLIC[low]
            out.append(latin.capitalize() if char != low else latin)
        else:
            out.append(char)
    return "".join(out)


def handle_of(name: str, country: str, language: str = "") -> str:
    """A lowercase ASCII handle: 'Leyla Məmmədova' -> 'leyla-mammadova'."""
    special = HANDLE_LETTERS.get(country, {})
    out = []
    for char in to_latin(name, language).lower().replace("i̇", "i"):
        char = special.get(char, char)
        out.append(LATIN.get(char, char))
    text = "".join(out)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return re.sub(r"-{2,}", "-", text)


def feminine(surname: str) -> str:
    """Russian-pattern surnames take a feminine ending; others do not change."""
    for masculine, fem in (("ский", "ская"), ("скі", "ская")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + fem
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith(("ov", "ev", "ow", "ew")):  # Uzbek, Azerbaijani, Turkmen
        return surname + "a"
    return surname


# --- The generator ------------------------------------------------------------------------


@dataclass
class Person:
    handle: str
    name: str
    female: bool
    country: str
    city: str
    birth: int
    people: People
    skills: list[tuple[str, str, int]] = field(default_factory=list)
    mentor: bool = False
    collaborating: bool = True
    pinned: bool = False
    bio: str | None = None
    affiliations: list[dict[str, str | None]] | None = None  # None: not decided yet
    languages: list[tuple[str, str]] | None = None


# Creators that projects.json leans on, written out by hand; what is not given here
# (languages, bio, portfolio, and affiliations when there are none) is generated.


@dataclass(frozen=True)
class Pin:
    name: str
    female: bool
    country: str
    city: str
    birth: int
    skills: str  # "animation ADVANCED 6, illustration INTERMEDIATE 4"
    affiliations: tuple[tuple[str, str, str, str | None], ...] = ()  # org, role, since, until
    mentor: bool = False
    handle: str | None = None  # for names in Armenian or Georgian script

    def skill_list(self) -> list[tuple[str, str, int]]:
        parts = (item.split() for item in self.skills.split(","))
        return [(slug, level, int(years)) for slug, level, years in parts]


F, M = True, False
PINNED: tuple[Pin, ...] = (
    Pin("Айгерим Садыкова", F, "KZ", "Almaty", 1999,
        "animation ADVANCED 6, illustration INTERMEDIATE 4",
        (("astana-hub", "Resident artist", "2023-09-01", None),)),
    Pin("Ерлан Нурпеисов", M, "KZ", "Almaty", 1966,
        "film-directing MASTER 34, screenwriting EXPERT 28",
        (("kazakhfilm", "Lead director", "2004-03-01", None),
         ("zhurgenov-academy", "Professor", "2011-09-01", None)), mentor=True),
    Pin("Дәурен Абенов", M, "KZ", "Astana", 1990,
        "game-development EXPERT 12, creative-coding ADVANCED 9",
        (("shanyraq-games", "Co-founder and game director", "2019-04-01", None),)),
    Pin("Олжас Кенжебаев", M, "KZ", "Almaty", 1985,
        "sound-design EXPERT 16, music-production EXPERT 14",
        (("nomad-sound-lab", "Supervising sound editor", "2014-06-01", None),)),
    Pin("Ақбота Серікқызы", F, "KZ", "Almaty", 2000,
        "ethno-music ADVANCED 9, composition INTERMEDIATE 3"),
    Pin("Saltanat Omarova", F, "KZ", "Almaty", 1988,
        "journalism EXPERT 14, podcasting ADVANCED 6",
        (("qalam-media", "Editor", "2017-09-01", None),)),
    Pin("Dilnoza Rahimova", F, "UZ", "Tashkent", 1981,
        "documentary EXPERT 19, film-directing ADVANCED 10",
        (("uzbekfilm", "Lead documentary director", "2012-02-01", None),), mentor=True),
    Pin("Sardor Tursunov", M, "UZ", "Tashkent", 1998,
        "game-development ADVANCED 7, ux-ui-design INTERMEDIATE 3",
        (("it-park-uzbekistan", "Resident start-up founder", "2022-05-01", None),)),
    Pin("Nilufar Xolmatova", F, "UZ", "Tashkent", 1991,
        "fashion-design ADVANCED 10, graphic-design INTERMEDIATE 4",
        (("ipak-design-bureau", "Creative director", "2021-01-01", None),)),
    Pin("Javohir Normatov", M, "UZ", "Samarkand", 1995,
        "xr ADVANCED 7, heritage-preservation INTERMEDIATE 5, vfx INTERMEDIATE 4",
        (("samarkand-pixel", "Head of XR", "2020-09-01", None),)),
    Pin("Abdulla Ergashev", M, "UZ", "Bukhara", 1958,
        "woodcarving MASTER 48, heritage-preservation EXPERT 25",
        (("bukhara-craft-collective", "Co-founder", "2012-05-01", None),), mentor=True),
    Pin("Гулнара Асанова", F, "KG", "Naryn", 1963,
        "felt-making MASTER 40, heritage-preservation ADVANCED 12",
        (("kiyiz-collective", "Co-founder", "2013-03-01", None),), mentor=True),
    Pin("Бектур Алымкулов", M, "KG", "Bishkek", 1996,
        "game-development ADVANCED 8, digital-art ADVANCED 7",
        (("jailoo-games", "Game director", "2021-02-01", None),)),
    Pin("Фаррух Шарифзода", M, "TJ", "Dushanbe", 1989,
        "cinematography EXPERT 13, documentary ADVANCED 9",
        (("pamir-frames", "Director of photography", "2017-05-01", None),)),
    Pin("Անահիտ Գրիգորյան", F, "AM", "Yerevan", 1993,
        "animation ADVANCED 10, illustration ADVANCED 9",
        (("garun-studio", "Animation director", "2018-10-01", None),
         ("tumo", "Workshop leader", "2016-09-01", "2019-06-30")), handle="anahit-grigoryan"),
    Pin("Narek Hakobyan", M, "AM", "Yerevan", 2002,
        "xr INTERMEDIATE 4, creative-coding INTERMEDIATE 5",
        (("tumo", "Student", "2015-09-01", "2020-06-30"),)),
    Pin("Leyla Məmmədova", F, "AZ", "Baku", 1986,
        "carpet-weaving EXPERT 15, graphic-design EXPERT 17",
        (("xalca-lab", "Co-founder and art director", "2019-03-01", None),)),
    Pin("Tural Həsənov", M, "AZ", "Baku", 1990,
        "podcasting EXPERT 10, journalism ADVANCED 12",
        (("absheron-podcast-network", "Head of audio", "2020-02-01", None),)),
    Pin("Андрей Лукашевич", M, "BY", "Minsk", 1983,
        "vfx EXPERT 18, cinematography ADVANCED 8",
        (("sviatlo-studio", "VFX supervisor", "2016-04-01", None),)),
    Pin("Мария Соколова", F, "RU", "Saint Petersburg", 1979,
        "composition EXPERT 22, music-performance EXPERT 25", mentor=True),
    Pin("Cristina Lungu", F, "MD", "Chisinau", 1994,
        "fashion-design ADVANCED 8, photography INTERMEDIATE 4",
        (("codru-creative-hub", "Resident designer", "2019-09-01", None),)),
    Pin("Maýsa Orazowa", F, "TM", "Ashgabat", 1969,
        "carpet-weaving MASTER 38, heritage-preservation EXPERT 20",
        (("gulnar-carpet-atelier", "Master weaver", "2010-01-01", None),), mentor=True),
    Pin("Тэмүүлэн Ганбаатар", M, "MN", "Ulaanbaatar", 1992,
        "ethno-music ADVANCED 14, music-performance ADVANCED 10"),
    Pin("Elif Yıldız", F, "TR", "Istanbul", 1990,
        "music-production EXPERT 13, ethno-music ADVANCED 9"),
    Pin("ნინო ბერიძე", F, "GE", "Tbilisi", 1989,
        "illustration EXPERT 14, comics ADVANCED 8", handle="nino-beridze"),
)  # fmt: skip

MENTORS = 15

# Combinations that would name a well-known real person; the generator skips them.
NOTABLE = {
    "Mariam Petrosyan",
    "Narek Sargsyan",
    "Armen Sargsyan",
    "Tigran Sargsyan",
    "Tigran Petrosyan",
    "Rustam Azimov",
    "Ivan Sokolov",
}

# Organisations people join from other countries: the Central Asian and Caucasian
# animation guild, and VGIK, where many of the region's film people studied.
CROSS_BORDER = {
    country: ("eurasian-animation-guild", "vgik")
    for country in ("UZ", "KG", "TJ", "TM", "AM", "AZ", "GE")
} | {country: ("vgik",) for country in ("KZ", "BY", "MD", "MN")}


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """One of the values, drawn with the given weights."""
    values = [value for value, _ in options]
    return rng.choices(values, weights=[weight for _, weight in options])[0]


def level_for(years: int, rng: random.Random) -> str:
    """Skill follows experience, give or take a step; not every veteran is a master."""
    index = 0 if years < 2 else 1 if years < 5 else 2 if years < 12 else 3 if years < 22 else 4
    if index == 4 and rng.random() < 0.4:
        index = 3
    roll = rng.random()
    if roll < 0.15 and index > 0:
        index -= 1
    elif roll > 0.93 and (index == 2 or (index == 3 and years >= 15)) and years >= 6:
        index += 1
    return LEVELS[index]


class Generator:
    def __init__(self, sectors: list[dict], organisations: list[dict]) -> None:
        self.rng = random.Random(SEED)
        self.sector_of = {d["slug"]: s["slug"] for s in sectors for d in s["disciplines"]}
        self.organisations = organisations
        self.handles: set[str] = set()
        self.names: set[str] = set()
        self.used: Counter[tuple[str, str]] = Counter()

    # -- names --

    def pick_people(self, country: str) -> People:
        groups = [p for p in PEOPLES if p.country == country]
        return weighted(self.rng, [(p, p.weight) for p in groups])

    def fresh(self, options: tuple[str, ...], country: str) -> str:
        """A random name, preferring ones not yet used in the country, so fewer namesakes."""
        for _ in range(4):
            choice = self.rng.choice(options)
            if not self.used[country, choice]:
                break
        self.used[country, choice] += 1
        return choice

    def make_name(self, people: People, female: bool, young: bool) -> str:
        rng = self.rng
        given = self.fresh(people.female if female else people.male, people.country)
        if people.patronymics and rng.random() < 0.18:
            father = rng.choice([name for name in people.patronymics if name != given])
            surname = father + ("қызы" if female else "ұлы")
        else:
            surname = self.fresh(people.surnames, people.country)
            surname = feminine(surname) if female else surname
        armenian = given in ARMENIAN and surname in ARMENIAN
        if people.country == "AM" and armenian and rng.random() < 0.45:
            return f"{ARMENIAN[given]} {ARMENIAN[surname]}"
        if people.country == "GE" and rng.random() < 0.7:
            return f"{GEORGIAN[given]} {GEORGIAN[surname]}"
        name = f"{given} {surname}"
        if people.script == "cyrl" and rng.random() < people.latin_share * (1.6 if young else 0.6):
            name = to_latin(name, people.native)
        return name

    def latin_name(self, name: str, country: str) -> str:
        """The Latin form a handle is made from (Armenian and Georgian via the tables)."""
        table = {native: latin for t in (ARMENIAN, GEORGIAN) for latin, native in t.items()}
        return " ".join(table.get(part, part) for part in name.split())

    def claim(
        self, name: str, country: str, language: str, handle: str | None = None
    ) -> str | None:
        if self.latin_name(name, country) in NOTABLE:
            return None
        handle = handle or handle_of(self.latin_name(name, country), country, language)
        if handle in self.handles or name in self.names or not 3 <= len(handle) <= 40:
            return None
        self.handles.add(handle)
        self.names.add(name)
        return handle

    # -- skills --

    def pick_primary(self, country: str, birth: int) -> str:
        strong = STRENGTHS.get(country, ())
        options = []
        for slug in CRAFTS:
            weight = 3.0 if slug in strong else 1.0
            if slug in YOUNG_FIELDS and birth < 1975:
                weight *= 0.2
            if slug in RARE.get(country, ()):
                weight *= 0.15
            options.append((slug, weight))
        return weighted(self.rng, options)

    def practice(self, slug: str, career: int, share: tuple[float, float]) -> tuple[str, str, int]:
        """Years in a discipline (capped for young fields) and the level they earned."""
        years = round(career * self.rng.uniform(*share))
        years = min(years, YOUNG_FIELDS.get(slug, 90))
        return slug, level_for(years, self.rng), years

    def make_skills(self, country: str, birth: int) -> list[tuple[str, str, int]]:
        rng = self.rng
        age = YEAR - birth
        career = max(age - rng.randint(17, 23), 1)
        primary = self.pick_primary(country, birth)
        skills = [self.practice(primary, max(career, 2), (0.6, 1.0))]
        extra = rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
        for slug in rng.sample(RELATED[primary], k=min(extra, len(RELATED[primary]))):
            skills.append(self.practice(slug, career, (0.15, 0.7)))
        return skills

    # -- languages --

    def make_languages(self, person: Person) -> list[tuple[str, str]]:
        rng = self.rng
        people = person.people
        young = person.birth >= 1991
        spoken = [(people.native, "NATIVE")]
        if people.native != "ru":
            level = weighted(rng, RUSSIAN_LEVELS[people.russian][0 if young else 1])
            if level:
                spoken.append(("ru", level))
        if (
            person.country in ("UZ",)
            and person.city in ("Samarkand", "Bukhara")
            and rng.random() < 0.4
        ):
            spoken.append(("tg", "FLUENT"))  # Samarkand and Bukhara are largely Tajik-speaking
        english = weighted(rng, ENGLISH_LEVELS[0 if young else 1])
        if person.country in ("GE", "TR", "AM") and english in (None, "BASIC"):
            english = "CONVERSATIONAL"
        if english:
            spoken.append(("en", english))
        for code, chance, levels in people.extra:
            if rng.random() < chance and code not in dict(spoken):
                spoken.append((code, rng.choice(levels)))
        return spoken

    # -- bios --

    def make_bio(self, person: Person) -> str:
        rng = self.rng
        slug, _level, years = person.skills[0]
        craft = CRAFTS[slug]
        focus_pairs = list(zip(craft.focus, craft.focus_ru, strict=True))
        if slug == "ethno-music":
            focus_pairs = ETHNO[person.country]
        focus, focus_ru = rng.choice(focus_pairs)
        city = person.city
        city_ru, in_city = CITY_RU[city]
        if rng.random() < RUSSIAN_BIO[person.country]:
            title = craft.ru[1 if person.female else 0]
            lead = rng.choice(
                (
                    f"{title}, живёт и работает {in_city}. Основное направление — {focus_ru}.",
                    f"{title} ({city_ru}), {years} {plural_years(years)} в профессии. "
                    f"Специализация — {focus_ru}.",
                    f"Работает {in_city} как {lower_first(title)}; "
                    f"главное в портфолио — {focus_ru}.",
                )
            )
            tail = self.russian_tail(person)
        else:
            lead = rng.choice(
                (
                    f"{craft.role} based in {city}, focused on {focus}.",
                    f"{craft.role} with {years} {'year' if years == 1 else 'years'} "
                    f"of experience in {focus}.",
                    f"{city}-based {lower_first(craft.role)} working on {focus}.",
                )
            )
            tail = self.english_tail(person)
        return f"{lead} {tail}".strip()

    def russian_tail(self, person: Person) -> str:
        rng = self.rng
        f = person.female
        if person.mentor:
            return (
                "Наставница программы молодых талантов Ассоциации."
                if f
                else "Наставник программы молодых талантов Ассоциации."
            )
        if not person.collaborating:
            return "Сейчас не берёт новых проектов."
        if person.birth >= 1991 and rng.random() < 0.5:
            return rng.choice(
                (
                    "Ищет команду для первого международного проекта.",
                    ("Открыта" if f else "Открыт")
                    + " к копродукции с коллегами из Центральной Азии и Кавказа.",
                    ("Участница" if f else "Участник")
                    + " молодёжных резиденций и творческих лабораторий.",
                )
            )
        return rng.choice(
            (
                "",
                "Преподаёт на выходных курсах для подростков.",
                "Работает на казахском, русском и английском."
                if self.works_in(person, "kk", "ru", "en")
                else "",
                ("Участвовала" if f else "Участвовал") + " в проектах в нескольких странах СНГ.",
            )
        )

    @staticmethod
    def works_in(person: Person, *codes: str) -> bool:
        """Whether the person works in these languages (or in any three) at a professional level."""
        good = {c for c, p in person.languages or [] if p in ("PROFESSIONAL", "FLUENT", "NATIVE")}
        return set(codes) <= good if codes else len(good) >= 3

    def english_tail(self, person: Person) -> str:
        rng = self.rng
        craft = CRAFTS[person.skills[0][0]]
        if person.mentor:
            role = lower_first(craft.role)
            return f"Mentors early-career {role}s in the Association's talent programme."
        if not person.collaborating:
            return "Not taking on new collaborations at the moment."
        if person.birth >= 1991 and rng.random() < 0.5:
            return rng.choice(
                (
                    "Looking for collaborators for a first cross-border project.",
                    "Open to co-productions with teams from Central Asia and the Caucasus.",
                    "Regular at youth residencies and creative labs.",
                )
            )
        return rng.choice(
            (
                "",
                "Teaches weekend workshops for teenagers.",
                "Has worked on projects in several CIS countries.",
                "Works in three languages." if self.works_in(person) else "",
            )
        )

    # -- affiliations --

    def make_affiliations(self, person: Person) -> list[dict[str, object]]:
        """Usually one organisation, sometimes two; mostly at home, in the person's field."""
        rng = self.rng
        if rng.random() > 0.8:
            return []
        disciplines = {slug for slug, _, _ in person.skills}
        sectors = {self.sector_of[slug] for slug in disciplines}
        senior = LEVELS.index(person.skills[0][1]) >= 3 and person.birth < 1980
        options: list[tuple[dict, float]] = []
        for org in self.organisations:
            overlap = disciplines & set(org["disciplines"])
            related = sectors & {self.sector_of[slug] for slug in org["disciplines"]}
            kind = org["kind"]
            weight = 0.0
            if kind == "GOVERNMENT":
                weight = 0.5 if senior and org["country"] == person.country else 0.0
            elif org["country"] == person.country:
                if overlap:
                    weight = 4.0
                elif related and kind in ("UNIVERSITY", "ASSOCIATION", "NGO", "FUND"):
                    weight = 0.8
            elif overlap and org["slug"] in CROSS_BORDER.get(person.country, ()):
                weight = 1.2
            if weight:
                options.append((org, weight))
        if not options:
            # Many studied their field at a university at home.
            options = [
                (org, 1.0)
                for org in self.organisations
                if org["kind"] == "UNIVERSITY"
                and org["country"] == person.country
                and sectors & {self.sector_of[slug] for slug in org["disciplines"]}
            ]
        if not options:
            return []
        chosen = [weighted(rng, options)]
        if rng.random() < 0.2 and len(options) > 1:
            second = weighted(rng, options)
            if second is not chosen[0]:
                chosen.append(second)
        result = []
        for org in chosen:
            affiliation = self.affiliation(person, org)
            if affiliation:
                result.append(affiliation)
        return result

    def affiliation(self, person: Person, org: dict) -> dict | None:
        """A role that fits the organisation and the person's seniority, with dates."""
        rng = self.rng
        shared = [skill for skill in person.skills if skill[0] in org["disciplines"]]
        slug, level, _years = shared[0] if shared else person.skills[0]
        rank = LEVELS.index(level)
        age = YEAR - person.birth
        kind = org["kind"]
        founded = org["foundedYear"] or 1991
        if kind == "UNIVERSITY" and (
            not shared or org["country"] != person.country or (age > 27 and rng.random() < 0.35)
        ):
            return self.studied(person, org)
        if kind == "SCHOOL" and age <= 30:
            return self.studied(person, org, school=True)
        min_age = 20
        if kind in ("STUDIO", "COMPANY"):
            craft = CRAFTS[slug]
            jobs = craft.jobs or (
                f"Junior {lower_first(craft.role)}",
                craft.role,
                f"Lead {lower_first(craft.role)}",
            )
            tier = 0 if rank <= 1 else 1 if rank == 2 else 2
            role, min_age = jobs[tier], (19, 23, 28)[tier]
        elif kind == "UNIVERSITY":
            if age <= 24:
                role, min_age = "Student", 18
            elif rank >= 4:
                role, min_age = rng.choice(("Professor", "Head of department")), 38
            elif rank == 3:
                role, min_age = rng.choice(("Associate professor", "Senior lecturer")), 30
            else:
                role, min_age = rng.choice(("Lecturer", "Master's student")), 23
        elif kind == "SCHOOL":
            role, min_age = "Workshop leader", 24
        elif kind == "TECHNOPARK":
            role = "Resident start-up founder" if rank >= 3 else "Resident"
        elif kind == "FUND":
            if rank >= 3 and age > 35:
                role, min_age = "Expert council member", 35
            else:
                role = "Grant recipient"
            founded += 1
        elif kind == "GOVERNMENT":
            role, min_age = "Member of the expert council on creative industries", 40
        elif kind == "NGO":
            role = "Programme coordinator" if rank >= 2 else "Volunteer"
        elif kind == "ASSOCIATION":
            role, min_age = ("Board member", 35) if rank >= 3 and age > 35 else ("Member", 20)
        else:  # MEDIA
            role = {
                "journalism": "Correspondent",
                "photography": "Staff photographer",
                "podcasting": "Host",
                "sound-design": "Sound producer",
            }.get(slug, "Contributor")
        earliest = max(founded, person.birth + min_age)
        if earliest > LAST_START.year:
            return None
        year = rng.randint(max(earliest, LAST_START.year - 15), LAST_START.year)
        since = min(date(year, 9 if role == "Student" else rng.randint(1, 12), 1), LAST_START)
        until = None
        if rng.random() < 0.2:
            end_year = since.year + rng.randint(1, 5)
            if end_year < YEAR:
                until = date(end_year, rng.randint(1, 12), 1)
                until = max(until, date(since.year + 1, since.month, 1))
        return self.dated(org, role, since, until)

    def studied(self, person: Person, org: dict, school: bool = False) -> dict | None:
        """Past studies: a university from about 18, an after-school programme from about 13."""
        rng = self.rng
        start = person.birth + (rng.randint(12, 14) if school else rng.randint(17, 19))
        start = max(start, org["foundedYear"] or 1991)
        if start - person.birth > (16 if school else 30):
            return None
        end = date(start + (rng.randint(3, 4) if school else rng.choice((4, 5))), 6, 30)
        return self.dated(org, "Student", date(start, 9, 1), end if end < LAST_START else None)

    @staticmethod
    def dated(org: dict, role: str, since: date, until: date | None) -> dict:
        return {
            "organisation": org["slug"],
            "role": role,
            "since": since.isoformat(),
            "until": until.isoformat() if until else None,
        }

    # -- portfolio --

    def make_portfolio(self, person: Person) -> list[dict[str, str]]:
        rng = self.rng
        sector = self.sector_of[person.skills[0][0]]
        titles = list(PORTFOLIO[sector])
        if person.skills[0][0] == "podcasting":
            titles[0] = "Podcast feed"
        if person.skills[0][0] == "fashion-design":
            titles[2] = "Lookbook {y}"
        count = 1 if LEVELS.index(person.skills[0][1]) <= 1 else rng.choice((1, 2, 2, 3))
        links = []
        domain = rng.choice(("example.com", "example.org"))
        for title in rng.sample(titles, k=count):
            text = title.format(y=rng.randint(2022, 2026))
            path = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
            links.append({"title": text, "url": f"https://{domain}/{person.handle}/{path}"})
        return links

    # -- people --

    def birth_year(self, young: bool) -> int:
        rng = self.rng
        if young:
            return rng.choice(range(1991, 2006))
        band = weighted(rng, [((1952, 1964), 10), ((1965, 1979), 35), ((1980, 1990), 55)])
        return rng.randint(*band)

    def pinned(self) -> list[Person]:
        people = []
        for pin in PINNED:
            cyrillic = re.search("[а-яәіңғүұқөһ]", pin.name.lower()) is not None
            groups = [p for p in PEOPLES if p.country == pin.country]
            script = "cyrl" if cyrillic else "latn"
            group = next((p for p in groups if p.script == script), groups[0])
            handle = self.claim(pin.name, pin.country, group.native, pin.handle)
            assert handle, f"pinned creator {pin.name} clashes with another"
            person = Person(
                handle, pin.name, pin.female, pin.country, pin.city, pin.birth, group,
                pin.skill_list(), mentor=pin.mentor, pinned=True,
            )  # fmt: skip
            if pin.affiliations:
                person.affiliations = [
                    {"organisation": org, "role": role, "since": since, "until": until}
                    for org, role, since, until in pin.affiliations
                ]
            people.append(person)
        return people

    def generate(self) -> list[Person]:
        rng = self.rng
        people = self.pinned()
        for country, total in COUNTS.items():
            have = sum(1 for p in people if p.country == country)
            young_wanted = round(total * 0.34) - sum(
                1 for p in people if p.country == country and p.birth >= 1991
            )
            slots = [i < young_wanted for i in range(total - have)]
            rng.shuffle(slots)
            for young in slots:
                while True:
                    group = self.pick_people(country)
                    female = rng.random() < 0.5
                    name = self.make_name(group, female, young)
                    handle = self.claim(name, country, group.native)
                    if handle:
                        break
                cities = group.cities or tuple(c for c, _ in CITIES[country])
                weights = [dict(CITIES[country]).get(c, 1) for c in cities]
                city = rng.choices(cities, weights=weights)[0]
                birth = self.birth_year(young)
                person = Person(handle, name, female, country, city, birth, group)
                person.skills = self.make_skills(country, birth)
                people.append(person)
        self.choose_mentors(people)
        for person in people:
            if not person.mentor and not person.pinned and rng.random() < 0.15:
                person.collaborating = False
            person.languages = self.make_languages(person)
            person.bio = self.make_bio(person)
            if person.affiliations is None:
                person.affiliations = self.make_affiliations(person)
        return people

    def choose_mentors(self, people: list[Person]) -> None:
        """Seniors with the most experience become mentors, spread over countries."""
        wanted = MENTORS - sum(p.mentor for p in people)
        candidates = [
            p
            for p in people
            if not p.mentor and p.birth <= 1985 and p.skills[0][1] in ("EXPERT", "MASTER")
        ]
        candidates.sort(key=lambda p: (-p.skills[0][2], p.handle))
        taken: dict[str, int] = {}
        for person in people:
            if person.mentor:
                taken[person.country] = taken.get(person.country, 0) + 1
        for person in candidates:
            if wanted == 0:
                break
            if taken.get(person.country, 0) >= 2:
                continue
            person.mentor = True
            taken[person.country] = taken.get(person.country, 0) + 1
            wanted -= 1


def plural_years(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "года"
    return "лет"


def lower_first(text: str) -> str:
    """'Film director' -> 'film director', but 'UX/UI designer' and 'XR developer' keep case."""
    first = text.split()[0]
    return (
        text
        if first.isupper() or "/" in first or first[:2].isupper()
        else text[0].lower() + text[1:]
    )


def to_json(person: Person, generator: Generator) -> dict[str, object]:
    return {
        "handle": person.handle,
        "displayName": person.name,
        "country": person.country,
        "city": person.city,
        "birthYear": person.birth,
        "bio": person.bio,
        "disciplines": [
            {"slug": slug, "level": level, "yearsOfExperience": years}
            for slug, level, years in person.skills
        ],
        "languages": [{"code": c, "proficiency": p} for c, p in person.languages or []],
        "openToCollaboration": person.collaborating,
        "isMentor": person.mentor,
        "portfolio": generator.make_portfolio(person),
        "affiliations": person.affiliations,
    }


def main() -> None:
    sectors = json.loads((DEMO / "sectors.json").read_text(encoding="utf-8"))
    organisations = json.loads((DEMO / "organisations.json").read_text(encoding="utf-8"))
    generator = Generator(sectors, organisations)
    people = generator.generate()
    data = [to_json(person, generator) for person in people]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (DEMO / "creators.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(data)} creators to {DEMO / 'creators.json'}")


if __name__ == "__main__":
    main()
