#!/usr/bin/env python3
"""Read galley PDFs with pikepdf (qpdf's Python binding), an independent
reader, and print what their catalogs say as one JSON object per file.

Usage: pikepdf_catalog.py FILE.pdf...

For each file: the PDF version, page count, /MarkInfo /Marked, /Lang,
/ViewerPreferences /DisplayDocTitle, the structure tree root (its first
element's type, whether it has a parent tree, how many elements are
reachable), the named destinations (/Names /Dests, a name tree), and the
associated files (/AF) with their relationship, MIME type, declared size
and MD5 checksum, and the SHA-256 and MD5 of the embedded bytes as
pikepdf decodes them. exporters/pdf TestPikepdfCatalog compares this with
what galley meant to write.
"""

import hashlib
import json
import sys

import pikepdf


def text(v):
    """A PDF string or name as str, else None."""
    if v is None:
        return None
    if isinstance(v, pikepdf.Name):
        return str(v)[1:]
    return str(v)


def name_tree(node, out, depth=0):
    """The keys of a name tree (/Names leaves, /Kids inner nodes)."""
    if depth > 32:
        return
    if "/Names" in node:
        arr = node.Names
        for i in range(0, len(arr), 2):
            out.append(str(arr[i]))
    if "/Kids" in node:
        for kid in node.Kids:
            name_tree(kid, out, depth + 1)


def count_elements(elem, seen, depth=0):
    """Structure elements reachable from elem through /K."""
    if depth > 256:
        return 0
    n = 0
    kids = elem.get("/K")
    if kids is None:
        return 0
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for k in kids:
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            og = k.objgen
            if og != (0, 0) and og in seen:
                continue
            seen.add(og)
            n += 1 + count_elements(k, seen, depth + 1)
    return n


def report(path):
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        r = {
            "file": path,
            "version": str(pdf.pdf_version),
            "pages": len(pdf.pages),
            "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
            "lang": text(root.get("/Lang")),
            "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
            "struct_tree": None,
            "dests": [],
            "attachments": [],
        }
        st = root.get("/StructTreeRoot")
        if st is not None:
            kids = st.get("/K")
            first = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) > 0 else kids
            r["struct_tree"] = {
                "type": text(st.get("/Type")),
                "first": text(first.get("/S")) if isinstance(first, pikepdf.Dictionary) else None,
                "first_lang": text(first.get("/Lang")) if isinstance(first, pikepdf.Dictionary) else None,
                "parent_tree": "/ParentTree" in st,
                "elements": count_elements(st, set()),
            }
        names = root.get("/Names")
        if names is not None and "/Dests" in names:
            name_tree(names.Dests, r["dests"])
        for spec in root.get("/AF", []):
            ef = spec.EF.F
            data = ef.read_bytes()
            params = ef.get("/Params", {})
            checksum = params.get("/CheckSum")
            r["attachments"].append({
                "name": text(spec.get("/UF")) or text(spec.get("/F")),
                "relationship": text(spec.get("/AFRelationship")),
                "mime": text(ef.get("/Subtype")),
                "size": int(params["/Size"]) if "/Size" in params else None,
                "checksum": bytes(checksum).hex() if checksum is not None else None,
                "md5": hashlib.md5(data).hexdigest(),
                "sha256": hashlib.sha256(data).hexdigest(),
                "in_name_tree": False,
            })
        # The associated files are listed among the embedded files too.
        embedded = []
        if names is not None and "/EmbeddedFiles" in names:
            name_tree(names.EmbeddedFiles, embedded)
        for a in r["attachments"]:
            a["in_name_tree"] = a["name"] in embedded
        return r


def main():
    for path in sys.argv[1:]:
        print(json.dumps(report(path), sort_keys=True))


if __name__ == "__main__":
    main()
