#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ from the fixtures.

Run from the repository root: `python3 fuzz/make_seeds.py`. The PBF seeds are small files
written here by hand (a header and one data block with dense nodes and a few roads), raw and
zlib-compressed, so that the fuzzer mutates protobuf structure rather than compressed bytes.
"""
import os
import shutil
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def field(num, wire, payload):
    key = varint((num << 3) | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def packed(num, values, signed):
    body = b"".join(varint(zigzag(v) if signed else v) for v in values)
    return field(num, 2, body)


def delta(values):
    out, last = [], 0
    for v in values:
        out.append(v - last)
        last = v
    return out


def blob(kind, data, compress):
    if compress:
        body = field(2, 0, len(data)) + field(3, 2, zlib.compress(data))
    else:
        body = field(1, 2, data) + field(2, 0, len(data))
    header = field(1, 2, kind.encode()) + field(3, 0, len(body))
    return struct.pack(">I", len(header)) + header + body


def small_pbf(compress):
    header = field(4, 2, b"OsmSchema-V0.6") + field(4, 2, b"DenseNodes")
    strings = [b"", b"highway", b"primary", b"residential", b"maxheight", b"2.9", b"oneway", b"yes"]
    table = b"".join(field(1, 2, s) for s in strings)
    ids = [1, 2, 3, 4, 5]
    lats = [452180000, 452200000, 452250000, 452210000, 452190000]
    lons = [23320000, 23350000, 23400000, 23300000, 23450000]
    dense = (
        packed(1, delta(ids), True)
        + packed(8, delta(lats), True)
        + packed(9, delta(lons), True)
    )
    ways = [
        (10, [1, 6], [2, 7], [1, 2, 3]),
        (11, [1], [3], [3, 4, 1]),
        (12, [1, 4], [3, 5], [2, 5, 3]),
    ]
    group = field(2, 2, dense)
    for wid, keys, vals, refs in ways:
        way = field(1, 0, wid) + packed(2, keys, False) + packed(3, vals, False)
        way += packed(8, delta(refs), True)
        group += field(3, 2, way)
    block = field(1, 2, table) + field(2, 2, group)
    return blob("OSMHeader", header, compress) + blob("OSMData", block, compress)


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def copy(target, name, path):
    with open(os.path.join(ROOT, path), "rb") as f:
        put(target, name, f.read())


def main():
    copy("scenario", "mauriac.toml", "fixtures/mauriac/scenario.toml")
    for name in sorted(os.listdir(os.path.join(ROOT, "fuzz", "seeds", "scenario"))):
        copy("scenario", name, os.path.join("fuzz", "seeds", "scenario", name))
    copy("plan", "plan-w49.json", "tui/tests/fixtures/plan-w49.json")
    copy("osm_xml", "low-bridge.osm", "fixtures/maps/low-bridge.osm")
    put("osm_xml", "tiny.osm", b"<osm><node id='1' lat='45.2' lon='2.3'/><node id='2' lat='45.21' lon='2.31'/>"
        b"<way id='3'><nd ref='1'/><nd ref='2'/><tag k='highway' v='primary'/></way></osm>")
    put("osm_pbf", "small-raw.osm.pbf", small_pbf(False))
    put("osm_pbf", "small-zlib.osm.pbf", small_pbf(True))
    with open(os.path.join(ROOT, "fixtures/maps/andorra.osm.pbf"), "rb") as f:
        andorra = f.read()
    # The header block of a real extract, alone.
    n = struct.unpack(">I", andorra[:4])[0]
    put("osm_pbf", "andorra-header.osm.pbf", andorra[: 4 + n + datasize(andorra[4 : 4 + n])])


def datasize(header):
    i = 0
    while i < len(header):
        key = header[i]
        i += 1
        num, wire = key >> 3, key & 7
        if wire == 0:
            v, shift = 0, 0
            while True:
                b = header[i]
                i += 1
                v |= (b & 0x7F) << shift
                shift += 7
                if not b & 0x80:
                    break
            if num == 3:
                return v
        elif wire == 2:
            ln, shift = 0, 0
            while True:
                b = header[i]
                i += 1
                ln |= (b & 0x7F) << shift
                shift += 7
                if not b & 0x80:
                    break
            i += ln
    return 0


if __name__ == "__main__":
    main()
