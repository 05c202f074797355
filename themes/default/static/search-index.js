// The search index of generator/site/search.py, read in the browser: every article that
// holds each part of the query (parts are split at spaces) as a substring, and only those.
// Ranked: a part in the title counts most, then in the summary or abstract, then in the
// author, source or tags, then how dense it is in the body. No dictionary, no stemming.
//
// window.BulletinIndex(url of search/index.bin) -> {find(query), text(result), fold(s), parts(q)}
(function () {
  "use strict";
  var SPACED = /[\p{L}\p{N}]/u;
  var WEIGHTS = { title: 12, summary: 6, meta: 4, body: 4 };
  var BODY_K = 1.2, BODY_B = 0.75;

  // search_index.fold: NFKC, lower case, one space for any white space
  function fold(text) {
    return text.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  // search_index.is_spaced_letter: indexed with the two characters after it
  function spaced(ch) {
    return ch < "\u2e80" && SPACED.test(ch);
  }

  // search_index.shard_of: FNV-1a of the UTF-8 of the first two characters
  var encoder = new TextEncoder();
  function shardOf(key, count) {
    var bytes = encoder.encode(Array.from(key).slice(0, 2).join(""));
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }

  // The keys that cover a part: [{at: offset, key, exact}]; `exact: false` is a prefix (the
  // part ends in one or two letters after other characters).
  function cover(chars) {
    var keys = [], n = chars.length, i = 0;
    while (i < n) {
      if (!spaced(chars[i])) {
        keys.push({ at: i, key: chars[i], exact: true });
        i += 1;
      } else if (i + 3 <= n) {
        keys.push({ at: i, key: chars.slice(i, i + 3).join(""), exact: true });
        i += 3;
      } else {
        var j = n - 3;
        if (j >= 0 && spaced(chars[j])) keys.push({ at: j, key: chars.slice(j).join(""), exact: true });
        else keys.push({ at: i, key: chars.slice(i).join(""), exact: false });
        break;
      }
    }
    return keys;
  }

  function Reader(bytes, at) {
    this.bytes = bytes;
    this.at = at || 0;
  }
  Reader.prototype.next = function () {   // unsigned LEB128
    var value = 0, shift = 0, byte;
    do {
      byte = this.bytes[this.at++];
      value += (byte & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (byte & 0x80);
    return value;
  };

  var decoder = new TextDecoder();

  // The bytes of a file of the index: gzipped as written, unless the host unzipped them on the way
  function unpacked(response) {
    if (!response.ok) throw new Error("search index: HTTP " + response.status);
    return response.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
    });
  }
  // A shard: key -> [start, end) of its postings in the bytes
  function readShard(bytes) {
    var keys = new Map(), r = new Reader(bytes);
    while (r.at < bytes.length) {
      var length = r.next();
      var key = decoder.decode(bytes.subarray(r.at, r.at + length));
      r.at += length;
      var size = r.next();
      keys.set(key, [r.at, r.at + size]);
      r.at += size;
    }
    return { bytes: bytes, keys: keys };
  }

  // Postings: Map(article number -> sorted positions)
  function readPostings(bytes, span, into) {
    var r = new Reader(bytes, span[0]);
    var docs = r.next(), doc = 0;
    for (var d = 0; d < docs; d++) {
      doc += r.next();
      var count = r.next(), positions = new Array(count), at = 0;
      for (var i = 0; i < count; i++) {
        at += r.next();
        positions[i] = at;
      }
      var had = into.get(doc);
      into.set(doc, had ? had.concat(positions).sort(function (a, b) { return a - b; }) : positions);
    }
    return into;
  }

  function has(sorted, value) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === value) return true;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  // Where the part starts in each article that holds it: Map(article -> [positions])
  function matches(keys, postings) {
    var order = keys.map(function (k, i) { return i; });
    order.sort(function (a, b) { return postings[a].size - postings[b].size; });
    var found = new Map();
    postings[order[0]].forEach(function (anchorAt, doc) {
      var lists = [];
      for (var i = 0; i < keys.length; i++) {
        var list = postings[i].get(doc);
        if (!list) return;
        lists.push(list);
      }
      var first = order[0], starts = [];
      anchorAt.forEach(function (pos) {
        var start = pos - keys[first].at;
        for (var i = 0; i < keys.length; i++) {
          if (i !== first && !has(lists[i], start + keys[i].at)) return;
        }
        starts.push(start);
      });
      if (starts.length) found.set(doc, starts);
    });
    return found;
  }

  function BulletinIndex(url) {
    this.url = url;
    this.base = new URL(".", new URL(url, location.href)).href;
    this.shards = new Map();   // number -> Promise of a read shard
    this.texts = new Map();
    this.ready = null;
  }

  BulletinIndex.prototype.load = function () {
    var self = this;
    if (!this.ready) {
      this.ready = fetch(this.url, { cache: "no-cache" }).then(unpacked).then(function (bytes) {
        var index = JSON.parse(decoder.decode(bytes));
        if (index.format !== 1) throw new Error("search index: unknown format " + index.format);
        self.index = index;
        var total = 0;
        index.docs.forEach(function (row) { total += row[6] - row[5][2]; });
        self.averageBody = Math.max(1, total / Math.max(1, index.docs.length));
        return index;
      });
      this.ready.catch(function () { self.ready = null; });   // a later search tries again
    }
    return this.ready;
  };

  BulletinIndex.prototype.shard = function (number) {
    var self = this;
    if (!this.shards.has(number)) {
      var name = this.index.shards[number];
      var loading = fetch(this.base + "shards/" + name + ".bin").then(unpacked).then(readShard);
      loading.catch(function () { self.shards.delete(number); });
      this.shards.set(number, loading);
    }
    return this.shards.get(number);
  };

  // The postings of a key of the cover: a key exactly, or every key a prefix begins.
  BulletinIndex.prototype.postings = function (k) {
    var count = this.index.shards.length, self = this;
    var numbers = k.exact || Array.from(k.key).length > 1 ? [shardOf(k.key, count)]
      : Array.from({ length: count }, function (_, i) { return i; });
    return Promise.all(numbers.map(function (n) { return self.shard(n); })).then(function (shards) {
      var into = new Map();
      shards.forEach(function (shard) {
        if (k.exact) {
          var span = shard.keys.get(k.key);
          if (span) readPostings(shard.bytes, span, into);
        } else {
          shard.keys.forEach(function (span, key) {
            if (key.startsWith(k.key)) readPostings(shard.bytes, span, into);
          });
        }
      });
      return into;
    });
  };

  BulletinIndex.prototype.parts = function (query) {
    var seen = {};
    return fold(query).split(" ").filter(function (p) {
      if (!p || seen[p]) return false;
      seen[p] = true;
      return true;
    });
  };

  BulletinIndex.prototype.findPart = function (part) {
    var keys = cover(Array.from(part)), self = this;
    return Promise.all(keys.map(function (k) { return self.postings(k); })).then(function (postings) {
      return matches(keys, postings);
    });
  };

  // How much a part says about an article: in which parts of its text, how dense in the body.
  BulletinIndex.prototype.weigh = function (row, starts, idf) {
    var ends = row[5], where = { title: 0, summary: 0, meta: 0, body: 0 };
    starts.forEach(function (s) {
      where[s < ends[0] ? "title" : s < ends[1] ? "summary" : s < ends[2] ? "meta" : "body"] += 1;
    });
    var length = (row[6] - ends[2]) / this.averageBody;
    var body = where.body * (BODY_K + 1) / (where.body + BODY_K * (1 - BODY_B + BODY_B * length));
    return idf * ((where.title ? WEIGHTS.title : 0) + (where.summary ? WEIGHTS.summary : 0) +
                  (where.meta ? WEIGHTS.meta : 0) + WEIGHTS.body * body / (BODY_K + 1));
  };

  // Every article that holds every part of the query, the best first (then the newest).
  BulletinIndex.prototype.find = function (query) {
    var self = this, parts = this.parts(query);
    if (!parts.length) return Promise.resolve([]);
    return this.load().then(function (index) {
      return Promise.all(parts.map(function (p) { return self.findPart(p); }));
    }).then(function (found) {
      var docs = self.index.docs, total = docs.length, results = [];
      found.sort(function (a, b) { return a.size - b.size; });
      found[0].forEach(function (_, doc) {
        var score = 0;
        for (var i = 0; i < found.length; i++) {
          var starts = found[i].get(doc);
          if (!starts) return;
          score += self.weigh(docs[doc], starts, Math.log(1 + total / found[i].size));
        }
        results.push(self.result(doc, score));
      });
      results.sort(function (a, b) {
        return b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : a.doc - b.doc);
      });
      return results;
    });
  };

  BulletinIndex.prototype.result = function (doc, score) {
    var row = this.index.docs[doc], issue = this.index.issues[row[3]], section = this.index.sections[row[4]];
    return { doc: doc, score: score, path: row[0], title: row[1], date: row[2], dateText: row[7],
             issue: issue[0], issueTitle: issue[1], section: section[0], sectionTitle: section[1] };
  };

  // The article's text as written, for an excerpt: {s: [summary, abstract…], m: [...], b: [blocks]}
  BulletinIndex.prototype.text = function (result) {
    var self = this, name = this.index.docs[result.doc][8];
    if (!this.texts.has(name)) {
      var loading = fetch(this.base + "texts/" + name + ".bin").then(unpacked).then(function (bytes) {
        return JSON.parse(decoder.decode(bytes));
      });
      loading.catch(function () { self.texts.delete(name); });
      this.texts.set(name, loading);
    }
    return this.texts.get(name);
  };

  BulletinIndex.fold = fold;
  window.BulletinIndex = BulletinIndex;
})();
