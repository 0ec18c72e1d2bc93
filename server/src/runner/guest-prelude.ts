/**
 * Trusted code evaluated in every fresh QuickJS context before the candidate's code. It keeps its
 * own copies of every built-in it uses (a candidate who rewrites JSON, Array.prototype or
 * Reflect cannot change what the harness does), installs a console that writes through the only
 * host function, and defines `__duet`, a frozen, non-configurable object the host calls:
 *
 *   __duet.bind(value)          -> "" if `value` (or module.exports) is the entry, else a message
 *   __duet.call(argsJson)       -> result JSON (see runner/compare.ts for the wire format)
 *   __duet.construct(opsJson)   -> result JSON of a LeetCode-style class run
 *   __duet.settled()            -> result JSON once an async result settled, else ""
 *   __duet.describe(error)      -> {"$error":...} for any thrown value
 *
 * Results are JSON strings; errors thrown by candidate code come back as
 * `{"$error":{"name","message","stack"}}`. Nothing the host knows about expected values is here.
 *
 * `__ENTRY__` and `__KIND__` are replaced by the host (the entry is a checked identifier).
 */
export const GUEST_PRELUDE = String.raw`
(function () {
  'use strict';
  var g = globalThis;
  var hostWrite = g.__duetWrite;
  delete g.__duetWrite;

  var apply = Reflect.apply;
  var construct = Reflect.construct;
  var defineProperty = Object.defineProperty;
  var freeze = Object.freeze;
  var keys = Object.keys;
  var getPrototypeOf = Object.getPrototypeOf;
  var hasOwn = Object.prototype.hasOwnProperty;
  var isArray = Array.isArray;
  var jsonParse = JSON.parse;
  var jsonStringify = JSON.stringify;
  var StringCtor = String;
  var isFinite = Number.isFinite;
  var objectIs = Object.is;
  var PromiseCtor = Promise;
  var promiseThen = Promise.prototype.then;
  var MapCtor = Map;
  var SetCtor = Set;
  var mapEntries = Map.prototype.entries;
  var setValues = Set.prototype.values;
  var setAdd = Set.prototype.add;
  var setHas = Set.prototype.has;
  var setDelete = Set.prototype.delete;
  var arrayPush = Array.prototype.push;
  var arrayJoin = Array.prototype.join;
  var arraySlice = Array.prototype.slice;
  var stringSlice = String.prototype.slice;
  var ErrorCtor = Error;
  var TypeErrorCtor = TypeError;
  var errorToString = Error.prototype.toString;
  var functionToString = Function.prototype.toString;
  var iteratorNext = function (it) { return it.next(); };

  var MAX_DEPTH = 200;
  var MAX_RESULT_CHARS = 1000000;

  function push(arr, v) { apply(arrayPush, arr, [v]); }
  function join(arr, sep) { return apply(arrayJoin, arr, [sep]); }
  function isMap(v) { try { apply(mapEntries, v, []); return true; } catch (e) { return false; } }
  function isSet(v) { try { apply(setValues, v, []); return true; } catch (e) { return false; } }
  function isError(v) { try { apply(errorToString, v, []); return v instanceof ErrorCtor; } catch (e) { return false; } }
  function isPromise(v) { return v instanceof PromiseCtor; }

  function OutputLimit(message) { this.message = message; }

  // Result serialisation: JSON, with what JSON cannot say tagged (see runner/compare.ts).
  function toWire(value) {
    var seen = new SetCtor();
    var size = { n: 0 };
    var out = wire(value, 0, seen, size);
    return out;
  }
  function count(size, s) {
    size.n += s.length;
    if (size.n > MAX_RESULT_CHARS) throw new OutputLimit('The returned value is larger than ' + MAX_RESULT_CHARS + ' characters of JSON.');
    return s;
  }
  function wire(v, depth, seen, size) {
    if (v === undefined) return count(size, '{"$type":"undefined"}');
    if (v === null) return count(size, 'null');
    var t = typeof v;
    if (t === 'number') {
      if (!isFinite(v)) return count(size, '{"$type":"number","value":"' + StringCtor(v) + '"}');
      return count(size, objectIs(v, -0) ? '0' : StringCtor(v));
    }
    if (t === 'string') return count(size, jsonStringify(v));
    if (t === 'boolean') return count(size, v ? 'true' : 'false');
    if (t === 'bigint') return count(size, '{"$type":"bigint","value":"' + StringCtor(v) + '"}');
    if (t === 'function') return count(size, '{"$type":"function","name":' + jsonStringify(StringCtor(v.name || '')) + '}');
    if (t === 'symbol') return count(size, '{"$type":"symbol"}');
    if (depth > MAX_DEPTH) throw new TypeErrorCtor('The returned value is nested more than ' + MAX_DEPTH + ' levels deep.');
    if (apply(setHas, seen, [v])) throw new TypeErrorCtor('The returned value contains a circular reference.');
    apply(setAdd, seen, [v]);
    var parts = [];
    var out;
    if (isArray(v)) {
      for (var i = 0; i < v.length; i++) push(parts, wire(v[i], depth + 1, seen, size));
      out = '[' + join(parts, ',') + ']';
    } else if (isMap(v)) {
      var it = apply(mapEntries, v, []);
      for (var step = iteratorNext(it); !step.done; step = iteratorNext(it)) {
        push(parts, '[' + wire(step.value[0], depth + 1, seen, size) + ',' + wire(step.value[1], depth + 1, seen, size) + ']');
      }
      out = '{"$type":"Map","entries":[' + join(parts, ',') + ']}';
    } else if (isSet(v)) {
      var it2 = apply(setValues, v, []);
      for (var step2 = iteratorNext(it2); !step2.done; step2 = iteratorNext(it2)) push(parts, wire(step2.value, depth + 1, seen, size));
      out = '{"$type":"Set","values":[' + join(parts, ',') + ']}';
    } else if (isPromise(v)) {
      out = '{"$type":"Promise"}';
    } else {
      var ks = keys(v);
      for (var j = 0; j < ks.length; j++) {
        push(parts, jsonStringify(ks[j]) + ':' + wire(v[ks[j]], depth + 1, seen, size));
      }
      out = '{' + join(parts, ',') + '}';
    }
    apply(setDelete, seen, [v]);
    return out;
  }

  function safeString(v, max) {
    try {
      var s = StringCtor(v);
      return s.length > max ? apply(stringSlice, s, [0, max]) + '…' : s;
    } catch (e) {
      return '[unprintable]';
    }
  }

  function describeError(e) {
    if (e instanceof OutputLimit) return '{"$outputLimit":' + jsonStringify(e.message) + '}';
    var name = 'Error';
    var message = '';
    var stack = '';
    if (isError(e)) {
      try { name = safeString(e.name, 100); } catch (x) {}
      try { message = safeString(e.message, 2000); } catch (x) {}
      try { stack = safeString(e.stack, 4000); } catch (x) {}
    } else {
      name = 'Thrown';
      var shown;
      try { shown = format(e, 0, new SetCtor(), true); } catch (x) { shown = '[a value that cannot be shown]'; }
      message = 'The code threw a ' + (e === null ? 'null' : typeof e) + ' instead of an Error: ' + safeString(shown, 2000);
    }
    return '{"$error":{"name":' + jsonStringify(name) + ',"message":' + jsonStringify(message) + ',"stack":' + jsonStringify(stack) + '}}';
  }

  // console: formats like Node's util.inspect (shortened) and writes through the host.
  function format(v, depth, seen, top) {
    var t = typeof v;
    if (t === 'string') return top ? v : jsonStringify(v);
    if (v === null || t === 'number' || t === 'boolean' || t === 'undefined') return objectIs(v, -0) ? '-0' : StringCtor(v);
    if (t === 'bigint') return StringCtor(v) + 'n';
    if (t === 'symbol') return safeString(v.toString(), 200);
    if (t === 'function') return '[Function: ' + (v.name || 'anonymous') + ']';
    if (isError(v)) return safeString(v.stack ? v.name + ': ' + v.message + '\n' + v.stack : v, 4000);
    if (apply(setHas, seen, [v])) return '[Circular]';
    if (depth > 3) return isArray(v) ? '[Array]' : '[Object]';
    apply(setAdd, seen, [v]);
    var parts = [];
    var out;
    if (isArray(v)) {
      var n = v.length < 100 ? v.length : 100;
      for (var i = 0; i < n; i++) push(parts, format(v[i], depth + 1, seen, false));
      if (v.length > 100) push(parts, '... ' + (v.length - 100) + ' more items');
      out = '[ ' + join(parts, ', ') + ' ]';
      if (parts.length === 0) out = '[]';
    } else if (isMap(v)) {
      var it = apply(mapEntries, v, []);
      for (var step = iteratorNext(it); !step.done; step = iteratorNext(it)) push(parts, format(step.value[0], depth + 1, seen, false) + ' => ' + format(step.value[1], depth + 1, seen, false));
      out = 'Map(' + parts.length + ') { ' + join(parts, ', ') + ' }';
    } else if (isSet(v)) {
      var it2 = apply(setValues, v, []);
      for (var step2 = iteratorNext(it2); !step2.done; step2 = iteratorNext(it2)) push(parts, format(step2.value, depth + 1, seen, false));
      out = 'Set(' + parts.length + ') { ' + join(parts, ', ') + ' }';
    } else {
      var ks = keys(v);
      for (var j = 0; j < ks.length && j < 100; j++) push(parts, ks[j] + ': ' + format(v[ks[j]], depth + 1, seen, false));
      var proto = getPrototypeOf(v);
      var prefix = proto && proto.constructor && proto.constructor.name && proto.constructor.name !== 'Object' ? proto.constructor.name + ' ' : '';
      out = parts.length ? prefix + '{ ' + join(parts, ', ') + ' }' : prefix + '{}';
    }
    apply(setDelete, seen, [v]);
    return out;
  }

  function makeLog(level) {
    return function () {
      var parts = [];
      for (var i = 0; i < arguments.length; i++) {
        var s;
        try { s = format(arguments[i], 0, new SetCtor(), true); } catch (e) { s = '[unprintable]'; }
        push(parts, s);
      }
      var text = join(parts, ' ');
      var length = text.length;
      // Only a bounded string crosses into the host; the length still counts toward the flood limit.
      if (length > 70000) text = apply(stringSlice, text, [0, 70000]);
      hostWrite(level, text, length);
    };
  }
  var consoleObject = freeze({
    log: makeLog('log'), info: makeLog('info'), warn: makeLog('warn'), error: makeLog('error'),
    debug: makeLog('debug'), trace: makeLog('log'), table: makeLog('log'), dir: makeLog('log'),
  });
  defineProperty(g, 'console', { value: consoleObject, writable: true, configurable: true, enumerable: false });

  // CommonJS-style globals, so "module.exports = twoSum" works; there is nothing to require.
  var moduleObject = { exports: {} };
  defineProperty(g, 'module', { value: moduleObject, writable: true, configurable: true, enumerable: false });
  defineProperty(g, 'exports', { value: moduleObject.exports, writable: true, configurable: true, enumerable: false });
  defineProperty(g, 'require', {
    value: function (name) { throw new ErrorCtor('Modules cannot be loaded in the sandbox (require("' + safeString(name, 100) + '")). Write everything in this file.'); },
    writable: true, configurable: true, enumerable: false,
  });

  var ENTRY_NAME = '__ENTRY__';
  var KIND = '__KIND__';
  var entry = null;
  var pending = null;

  function bind(candidate) {
    var found = candidate;
    if (typeof found !== 'function') {
      var exp = moduleObject.exports;
      if (exp && typeof exp[ENTRY_NAME] === 'function') found = exp[ENTRY_NAME];
      else if (typeof exp === 'function') found = exp;
      else if (g.exports && typeof g.exports[ENTRY_NAME] === 'function') found = g.exports[ENTRY_NAME];
    }
    if (typeof found !== 'function') {
      return KIND === 'class'
        ? 'Define a class named ' + ENTRY_NAME + ': the tests construct it with "new ' + ENTRY_NAME + '(...)".'
        : 'Define a function named ' + ENTRY_NAME + ': the tests call ' + ENTRY_NAME + '(...).';
    }
    entry = found;
    return '';
  }

  function settle(result) {
    if (isPromise(result)) {
      pending = { done: false, out: '' };
      var box = pending;
      apply(promiseThen, result, [
        function (v) { box.done = true; try { box.out = toWire(v); } catch (e) { box.out = describeError(e); } },
        function (e) { box.done = true; box.out = describeError(e); },
      ]);
      return '{"$pending":true}';
    }
    return toWire(result);
  }

  function call(argsJson) {
    try {
      var args = jsonParse(argsJson);
      if (!isArray(args)) throw new TypeErrorCtor('The test arguments are not an array.');
      return settle(apply(entry, undefined, args));
    } catch (e) {
      return describeError(e);
    }
  }

  function runClass(specJson) {
    try {
      var spec = jsonParse(specJson);
      var ops = spec.ops;
      var argList = spec.args;
      var out = [null];
      var instance = construct(entry, argList[0] || []);
      for (var i = 1; i < ops.length; i++) {
        var method = instance[ops[i]];
        if (typeof method !== 'function') throw new TypeErrorCtor(ENTRY_NAME + ' has no method "' + ops[i] + '" (call ' + (i + 1) + ' of ' + ops.length + ').');
        push(out, apply(method, instance, argList[i] || []));
      }
      return toWire(out);
    } catch (e) {
      return describeError(e);
    }
  }

  function settled() {
    return pending && pending.done ? pending.out : '';
  }

  defineProperty(g, '__duet', {
    value: freeze({ bind: bind, call: call, construct: runClass, settled: settled, describe: describeError }),
    writable: false, configurable: false, enumerable: false,
  });
})();
`;
