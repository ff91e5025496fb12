import json,glob,collections,re
files=glob.glob("training/**/*.jsonl",recursive=True)+glob.glob("bench/sets/*.jsonl")
c=collections.defaultdict(list)
norm=lambda t:re.sub(r"\W+"," ",t.lower()).strip()
for f in files:
    for l in open(f):
        if l.strip():
            try: r=json.loads(l)
            except Exception: continue
            if "text" in r: c[norm(r["text"])].append(f)
bad=0
for t,fs in c.items():
    if len(fs)>1 and any(("r14-" in f or "check14-d14a" in f) for f in fs):
        print(repr(t),fs); bad+=1
print("dups",bad)
for f in glob.glob("training/sentences/r14-*.jsonl"):
    k=collections.Counter((json.loads(l)["kind"],json.loads(l)["style"]) for l in open(f)); print(f,dict(k))
