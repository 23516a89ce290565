"""The fixed words that pages made from data/ show around the data: headings, labels, notices.
One table per language; every edition has every word (a test checks the tables agree).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Words:
    # A condition's page, and its one-page handout
    at_a_glance: str
    at_school: str
    how_ot_helps: str
    strategies: str
    goals: str
    accommodations: str
    questions: str
    related: str
    sources_heading: str
    print_handout: str
    handout_description: str  # "Autism: a one-page handout ..."
    research_says: str  # "What the research says: Good evidence."
    sources: str  # "Sources: ..."
    more_on_full_page: str
    print_hint: str
    # Reading tools (issue 16): the ratings at a glance, "On this page", the copy-link control
    ratings_explained: str  # links the list of ratings to the page that explains the scale
    on_this_page: str
    copy_link: str
    # Rights and the steps to an IEP
    the_rule: str
    checked_on: str  # "Checked against the official text: 2026-11-30."
    still_being_checked: str
    not_settled: str
    step: str  # "Step 1: ..."
    deadline: str
    federal_minimum: str
    in_state: str  # "In Oregon:"
    # The date calculator and the steps at a glance (issue 16: work out the date, the steps drawn).
    # {who}, {due}, {days}, {kind}, {start}, {state}, {step} come from data; {date} from the
    # reader's browser (overrides/assets/kb/dates.js), written as the page's language writes dates.
    federal_rule: str  # "Federal rule: ..."
    calendar_days: str
    school_days: str
    count_rule: str  # the rule in words, shown with or without JavaScript
    count_result: str  # the same rule as a date
    school_days_note: str  # a state that counts school days: no date
    dates_note: str  # under every calculator: the federal date may not be the state's (facts.md 11, 11a)
    bad_date: str
    add_to_calendar: str
    step_count: str  # a deadline on the steps at a glance: "60 calendar days after step 3"
    # What OT works on; the OT/PT table
    for_example: str
    sample_goal: str
    see_also: str
    more_about: str  # "More about IEP"
    topic: str
    compared: tuple[str, str]
    # The organisation
    published_by: str
    email: str
    phone: str
    hours: str
    help_near_you: str


ENGLISH = Words(
    at_a_glance="At a glance",
    at_school="What it can look like at school",
    how_ot_helps="How OT can help",
    strategies="Strategies and what the research says",
    goals="Example IEP goals",
    accommodations="Example accommodations",
    questions="Questions to ask the team",
    related="Related pages",
    sources_heading="Sources",
    print_handout="Print a one-page handout",
    handout_description="a one-page handout to print and share with the school team.",
    research_says="What the research says",
    sources="Sources",
    more_on_full_page="More on the full page",
    print_hint="Use your browser's Print, or Share > Print on a phone.",
    # Reading tools (issue 16)
    ratings_explained="What the ratings mean",
    on_this_page="On this page",
    copy_link="Copy link",
    the_rule="The rule",
    checked_on="Checked against the official text",
    still_being_checked="Still being checked",
    not_settled=("We have not yet checked the exact words of this rule against the official text. "
                 "Read the rule at the link below, or ask your state's parent center."),
    step="Step",
    deadline="Deadline",
    # The most time the federal rule gives the school, not the least: "minimum" read as "at
    # least 60 days". A state may set its own time limit (facts.md rows 11, 11a).
    federal_minimum=("The federal rule, in calendar days: your state may set its own time limit, "
                     "and many states count school days."),
    in_state="In",
    federal_rule="Federal rule",
    calendar_days="calendar days",
    school_days="school days",
    count_rule="{who}: {due} within {days} {kind} of {start}.",
    count_result="{who}: {due} by {date}.",
    school_days_note=("{state} counts school days, so only the school can tell you the date for its rule. "
                      "Ask the school for it."),
    dates_note=("This is the federal date. Your state may set its own time limit, and many states "
                "count school days. Ask the school for its date too."),
    bad_date="Enter the whole date: month, day and year.",
    add_to_calendar="Add to my calendar",
    step_count="{days} {kind} after step {step}",
    for_example="For example",
    sample_goal="Sample goal",
    see_also="See also",
    more_about="More about",
    topic="Topic",
    compared=("Occupational therapy (OT)", "Physical therapy (PT)"),
    published_by="This copy of the site is published by",
    email="Email",
    phone="Phone",
    hours="We answer",
    help_near_you="Help near you",
)

SPANISH = Words(
    at_a_glance="De un vistazo",
    at_school="Cómo se puede ver en la escuela",
    how_ot_helps="Cómo puede ayudar la OT",
    strategies="Estrategias y lo que dice la investigación",
    goals="Ejemplos de metas del IEP",
    accommodations="Ejemplos de adaptaciones",
    questions="Preguntas para el equipo",
    related="Páginas relacionadas",
    sources_heading="Fuentes",
    print_handout="Imprimir una hoja de una página",
    handout_description="una hoja de una página para imprimir y compartir con el equipo de la escuela.",
    research_says="Lo que dice la investigación",
    sources="Fuentes",
    more_on_full_page="Más en la página completa",
    print_hint="Use la opción Imprimir de su navegador, o Compartir > Imprimir en un teléfono.",
    # Reading tools (issue 16)
    ratings_explained="Qué quiere decir cada calificación",
    on_this_page="En esta página",
    copy_link="Copiar enlace",
    the_rule="La regla",
    checked_on="Revisado con el texto oficial",
    still_being_checked="Todavía lo estamos revisando",
    not_settled=("Todavía no hemos revisado las palabras exactas de esta regla con el texto oficial. "
                 "Lea la regla en el enlace de abajo, o pregunte al centro de información para padres de su estado."),
    step="Paso",
    deadline="Plazo",
    federal_minimum=("La regla federal, en días calendario: su estado puede fijar su propio plazo, "
                     "y muchos estados cuentan días escolares."),
    in_state="En",
    federal_rule="Regla federal",
    calendar_days="días calendario",
    school_days="días escolares",
    count_rule="{who}: {due} dentro de los {days} {kind} desde {start}.",
    count_result="{who}: {due} a más tardar el {date}.",
    school_days_note=("{state} cuenta días escolares, así que solo la escuela le puede decir la fecha de su regla. "
                      "Pídasela a la escuela."),
    dates_note=("Esta es la fecha federal. Su estado puede fijar su propio plazo, y muchos estados "
                "cuentan días escolares. Pida también a la escuela su fecha."),
    bad_date="Escriba la fecha completa: día, mes y año.",
    add_to_calendar="Agregar a mi calendario",
    step_count="{days} {kind} después del paso {step}",
    for_example="Por ejemplo",
    sample_goal="Meta de ejemplo",
    see_also="Vea también",
    more_about="Más sobre",
    topic="Tema",
    compared=("Terapia ocupacional (OT)", "Terapia física (PT)"),
    published_by="Esta copia del sitio la publica",
    email="Correo electrónico",
    phone="Teléfono",
    hours="Horario de atención",
    help_near_you="Ayuda cerca de usted",
)

BY_LANGUAGE = {"en": ENGLISH, "es": SPANISH}


def words_for(language: str) -> Words:
    return BY_LANGUAGE.get(language, ENGLISH)


def names() -> list[str]:
    return [f.name for f in fields(Words)]
