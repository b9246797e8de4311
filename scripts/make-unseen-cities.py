#!/usr/bin/env python3
"""Writes corpora/atis-unseen-cities/test.conll: ATIS phrasings filled with world cities ATIS never contains.

Each template is an utterance of corpora/atis/train.conll with its origin and destination
cities taken out ({from}, {to}); its other tokens keep their ATIS labels (written
token/LABEL) and the utterance keeps its intent. The script checks that every template
occurs in train.conll in exactly that form, and that no token of any city occurs anywhere
in corpora/atis (train, dev or test), then fills the templates in turn with cities drawn
from a seeded shuffle, so the output is the same on every run.

Usage: scripts/make-unseen-cities.py   (plain python3, no packages; run from anywhere)
"""

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATIS = ROOT / "corpora" / "atis"
OUTPUT = ROOT / "corpora" / "atis-unseen-cities" / "test.conll"
SEED = 2026
UTTERANCES_PER_TEMPLATE = 5

# (intent, template): origin first, destination first, and one city only.
TEMPLATES = [
    ("atis_flight", "show me the flights from {from} to {to}"),
    ("atis_flight", "i want to fly from {from} to {to}"),
    ("atis_flight", "i would like to fly from {from} to {to}"),
    ("atis_flight", "i need a flight from {from} to {to}"),
    ("atis_flight", "show me flights from {from} to {to} on monday/B-depart_date.day_name"),
    ("atis_flight", "what flights leave {from} for {to} on monday/B-depart_date.day_name night/B-depart_time.period_of_day"),
    ("atis_flight", "what is the cheapest/B-cost_relative flight from {from} to {to}"),
    ("atis_airfare", "what is the lowest/B-cost_relative fare from {from} to {to}"),
    ("atis_airline", "what airlines fly from {from} to {to}"),
    ("atis_flight", "i need information for flights leaving {from} and arriving in {to}"),
    ("atis_flight", "what is the earliest/B-flight_mod flight leaving {from} going to {to}"),
    ("atis_flight", "i would like to travel from {from} to {to}"),
    ("atis_flight", "how do i get from {from} to {to}"),
    ("atis_flight", "{from} to {to} friday/B-depart_date.day_name"),
    ("atis_flight", "what flights go from {from} to {to} after/B-depart_time.time_relative 2/B-depart_time.time pm/I-depart_time.time"),
    ("atis_airfare", "show me round/B-round_trip trip/I-round_trip fares from {from} to {to}"),
    ("atis_airline", "which airlines fly between {from} and {to}"),
    ("atis_flight", "i'd like to go from {from} to {to}"),
    ("atis_flight", "display all flights from {from} to {to} on july/B-depart_date.month_name thirtieth/B-depart_date.day_number"),
    ("atis_flight", "i'm traveling to {to} from {from}"),
    ("atis_flight", "show me all flights arriving to {to} from {from}"),
    ("atis_flight", "give me flights that arrive in {to} from {from}"),
    ("atis_flight", "list the flights arriving in {to} from {from} on august/B-arrive_date.month_name fifth/B-arrive_date.day_number"),
    ("atis_flight", "american/B-airline_name flights to {to} from {from}"),
    ("atis_flight", "show me all flights from {from}"),
    ("atis_flight", "what flights leave from {from}"),
    ("atis_flight", "i would like to fly to {to}"),
    ("atis_airline", "what airlines fly into {to}"),
    ("atis_flight", "all flights to {to} after/B-depart_time.time_relative 6/B-depart_time.time pm/I-depart_time.time"),
    ("atis_flight", "flights from {from} august/B-depart_date.month_name second/B-depart_date.day_number"),
]

# Hand-listed well-known cities (public facts), lower-cased and without accents as ATIS writes.
CITIES = [
    # several words
    "buenos aires", "kuala lumpur", "sao paulo", "rio de janeiro", "hong kong", "tel aviv",
    "abu dhabi", "addis ababa", "dar es salaam", "phnom penh", "ho chi minh",
    # the Americas
    "santiago", "lima", "bogota", "caracas", "quito", "montevideo", "havana", "kingston",
    "vancouver", "calgary", "ottawa", "guadalajara", "medellin", "brasilia",
    # Africa
    "nairobi", "lagos", "accra", "dakar", "casablanca", "tunis", "cairo", "johannesburg",
    "kinshasa", "harare", "kampala", "kigali", "marrakesh",
    # Asia
    "istanbul", "ankara", "tehran", "riyadh", "doha", "dubai", "karachi", "mumbai", "delhi",
    "bangalore", "dhaka", "kathmandu", "colombo", "bangkok", "hanoi", "manila", "jakarta",
    "singapore", "seoul", "tokyo", "osaka", "beijing", "shanghai", "taipei",
    # Oceania
    "sydney", "melbourne", "brisbane", "perth", "auckland", "wellington",
    # Europe
    "moscow", "warsaw", "prague", "vienna", "budapest", "athens", "rome", "milan", "madrid",
    "barcelona", "lisbon", "paris", "amsterdam", "berlin", "munich", "zurich", "copenhagen",
    "stockholm", "oslo", "helsinki", "reykjavik", "dublin", "edinburgh", "london",
]


def read_conll(path):
    """The utterances of a CoNLL file as (intent, [(token, label), ...])."""
    utterances, tokens, intent = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# intent = "):
            intent = line[len("# intent = "):]
        elif not line:
            if tokens:
                utterances.append((intent, tokens))
            tokens, intent = [], None
        else:
            token, label = line.split("\t")
            tokens.append((token, label))
    if tokens:
        utterances.append((intent, tokens))
    return utterances


def as_template(intent, tokens):
    """An ATIS utterance in template form: city slots as {from}/{to}, other slots as token/LABEL."""
    words = []
    for token, label in tokens:
        if label in ("B-fromloc.city_name", "B-toloc.city_name"):
            words.append("{from}" if label.startswith("B-from") else "{to}")
        elif label in ("I-fromloc.city_name", "I-toloc.city_name"):
            continue
        else:
            words.append(token if label == "O" else f"{token}/{label}")
    return intent, " ".join(words)


def fill(template, origin, destination):
    """The (token, label) pairs of a template with its cities filled in."""
    pairs = []
    for word in template.split(" "):
        if word in ("{from}", "{to}"):
            city, role = (origin, "fromloc") if word == "{from}" else (destination, "toloc")
            for index, token in enumerate(city.split(" ")):
                pairs.append((token, ("B-" if index == 0 else "I-") + role + ".city_name"))
        elif "/" in word:
            token, label = word.split("/", 1)
            pairs.append((token, label))
        else:
            pairs.append((word, "O"))
    return pairs


def main():
    splits = {name: read_conll(ATIS / f"{name}.conll") for name in ("train", "dev", "test")}
    vocabulary = {token for utterances in splits.values() for _, tokens in utterances for token, _ in tokens}
    seen = [city for city in CITIES if any(token in vocabulary for token in city.split(" "))]
    if seen:
        sys.exit(f"make-unseen-cities: these cities have a token that occurs in corpora/atis: {', '.join(seen)}")
    if len(set(CITIES)) != len(CITIES):
        sys.exit("make-unseen-cities: a city is listed twice")
    train_templates = {as_template(intent, tokens) for intent, tokens in splits["train"]}
    missing = [template for template in TEMPLATES if template not in train_templates]
    if missing:
        sys.exit(f"make-unseen-cities: not an utterance of corpora/atis/train.conll: {missing[0][1]}")

    generator = random.Random(SEED)
    deck = []

    def draw(avoid=None):
        """The next city of the shuffled deck (a new shuffle when it runs out), never `avoid`."""
        if not deck or deck == [avoid]:
            deck.extend(generator.sample(CITIES, len(CITIES)))
        for index in range(len(deck) - 1, -1, -1):
            if deck[index] != avoid:
                return deck.pop(index)
        raise AssertionError("unreachable: the deck holds a city other than avoid")

    records = []
    for _ in range(UTTERANCES_PER_TEMPLATE):
        for intent, template in TEMPLATES:
            origin = draw() if "{from}" in template else None
            destination = draw(avoid=origin) if "{to}" in template else None
            lines = [f"# intent = {intent}"] + [f"{token}\t{label}" for token, label in fill(template, origin, destination)]
            records.append("\n".join(lines) + "\n")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("".join(record + "\n" for record in records), encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(records)} utterances from {len(TEMPLATES)} templates, {len(CITIES)} cities",
          file=sys.stderr)


if __name__ == "__main__":
    main()
