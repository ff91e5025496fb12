import json, sys
def write(flag, notes, terse):
    rows=[]
    for t,fl in notes:
        rows.append(dict(text=t,flags=fl,style="candidate-note"))
    for q,t,fl in terse:
        rows.append(dict(text=t,flags=fl,style="terse-answer",question=q))
    out=[]
    for i,r in enumerate(rows,1):
        fl=r["flags"]
        d={"id":f"r14-{flag}-{i:04d}","text":r["text"],"flags":fl,"source":"prepbot-authors",
           "kind":"hard-negative" if not fl else "positive" if len(fl)==1 else "multi","style":r["style"]}
        if r["style"]=="terse-answer": d["question"]=r["question"]
        out.append(d)
    with open(f"training/sentences/r14-{flag}.jsonl","w") as f:
        for d in out: f.write(json.dumps(d)+"\n")
    print(flag, len(notes), len(terse), len(out))
