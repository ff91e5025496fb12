"""The unseen-text figure: the matcher as shipped, on a labelled set nothing was fitted to.

    python -m bench.unseen
"""
import json, sys
from pathlib import Path
from prepbot.catalogue import load_catalogue
from bench.quality import score
cat = load_catalogue()
bank = cat.bank
opp = {f.id: f.opposite for f in bank.flags.values()}
ex = [json.loads(l) for l in Path(__file__).resolve().parents[2] / "shared" / "eval" / "more.jsonl".read_text().splitlines() if l.strip()]
for mode in ["off", "auto"]:
    r = score(ex, lambda e: {m.id for m in cat.matcher.match(e["text"], model=mode)}, list(bank.flags), opp)
    print(mode, len(ex), "P %.3f R %.3f F1 %.3f inverted %d" % (r["precision"], r["recall"], r["micro_f1"], r["inverted"]))
