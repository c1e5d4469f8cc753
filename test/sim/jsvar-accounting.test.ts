// The virtual board counts JsVars as a 32-bit ESP32-memory-model Espruino 2v29 does (14-byte blocks): every expected
// figure below is what the reference interpreter printed for the same line (E.getSizeOf and process.memory(false)
// deltas; src/jsvar.c, src/jsparse.c jspeFunctionCall). Unit checks of the rules are in the last block.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, type TestBoard } from "./support/sim-console.ts";
import { callBlocks, nameBlocks, stringBlocks, tokenisedLength, typedArrayBlocks } from "../../host-tools/sim/runtime/jsvar-accounting.ts";

let t: TestBoard;
beforeAll(async () => {
  t = await startBoard();
});
afterAll(async () => {
  await t?.close();
});

const answer = (line: string) => t.answer(line);
/** Types each line at the console, in order (definitions the answers below use). */
async function typeLines(lines: string[]): Promise<void> {
  for (const line of lines) await t.type(line);
}
const sizes = (list: string) => answer(`[${list}].map(function(v){return E.getSizeOf(v)}).join(" ")`);

describe("E.getSizeOf counts blocks as the board stores them", () => {
  it("strings: 9 characters in the first block, 10 in each further one", async () => {
    expect(await sizes('"","abcd","abcdefghi","abcdefghij","abcdefghijklmnopqrs","abcdefghijklmnopqrst",new Array(101).join("x")')).toBe(
      '="1 1 1 2 2 3 11"',
    );
  });

  it("objects: a property is a name var, long names chain blocks, small integers live in the name", async () => {
    expect(
      await sizes(
        '{},{a:1},{abcd:1},{abcde:1},{abcdefghijklmn:1},{abcdefghijklmno:1},{longPropertyName:1},{a:"x"},{a:1.5},{a:true},{a:null},' +
          "{a:8191},{a:8192},{a:-8192},{a:-8193},{a:1,b:2,c:3},{abc:\"0123456789\",defgh:\"x\"},{a:{b:{c:1}}}",
      ),
    ).toBe('="1 2 2 3 3 4 4 3 3 3 3 2 3 2 3 4 7 6"');
  });

  it("arrays: an element is an index name; booleans are packed there too", async () => {
    expect(await sizes('[],[1,2,3],["","",""],[true],[null],[1.5],["abcdefghij"],[[1],[2]]')).toBe('="1 4 7 2 3 3 4 7"');
  });

  it("typed arrays: view, buffer and data, flat above 19 bytes; views sharing a buffer count it once", async () => {
    expect(
      await sizes(
        "new Uint8Array(0),new Uint8Array(1),new Uint8Array(16),new Uint8Array(19),new Uint8Array(20),new Uint8Array(29)," +
          "new Uint16Array(16),new Uint8Array(100),new ArrayBuffer(16),(function(){var b=new ArrayBuffer(16);return {x:new Uint8Array(b),y:new Uint8Array(b)}})()",
      ),
    ).toBe('="3 3 4 4 5 6 6 11 3 8"');
  });

  it("functions: parameters, and the code tokenised (keywords one byte)", async () => {
    expect(
      await sizes(
        "function(){},function(a,b){return a+b},function(a){return a},function(abcdefghijkl){},function(){return 1}," +
          "function(a,b){var q=a+b; return q*2+a*3+b*4+'hello world this is long text';}",
      ),
    ).toBe('="1 5 4 3 3 10"');
  });
});

describe("process.memory(false) counts the scopes of running calls", () => {
  it("one block per parameter or argument (whichever is more) and per local, 3 per call, one more for a return var", async () => {
    await typeLines([
      "function m(){return process.memory(false).usage;}",
      "function f0(){return m();}",
      "function f1(a){return m();}",
      "function f2(a,b){return m();}",
      "function l1(){var x=1;return m();}",
      "function l3(){var x=1,y=2,z=3;return m();}",
      "function p2l2(a,b){var x=1,y=2;return m();}",
      "function nest(){return f0();}",
      "function run(c){c();process.memory();var b=process.memory(false).usage;return c()-b;}",
    ]);
    // each figure relative to the first: f0(), f1(1), f1(), f0(1,2), f2(1,2), l1(), l3(), p2l2(1,2), nest()
    expect(
      await answer(
        "[function(){return f0();},function(){return f1(1);},function(){return f1();},function(){return f0(1,2);}," +
          "function(){return f2(1,2);},function(){return l1();},function(){return l3();},function(){return p2l2(1,2);}," +
          'function(){return nest();}].map(run).map(function(r,i,a){return r-a[0]}).join(" ")',
      ),
    ).toBe('="0 1 1 2 2 2 4 5 3"');
  });

  it("a body that does not start with return costs one more, and so does each function scope around it (a module is one)", async () => {
    // The harness of the on-board memory benchmark: a probe one call deeper than op, the probe-only run subtracted.
    // Figures typed on the reference interpreter (32-bit, ESP32 memory model): 4 4 5 5 5 5 3, then 9 10 11 10.
    await typeLines([
      "var peak=-1; function probe(){var u=process.memory(false).usage;if(u>peak)peak=u;}",
      "function measure(op){for(var r=0;r<2;r++){var base=process.memory().usage;peak=-1;for(var i=0;i<16;i++)op(i);var top=peak-base;}return top;}",
      "var T='bench/t'; function w(s){probe();} function w0(){probe();} function wr(){return probe();} var sock={write:w,w0:w0};",
      "var cal=measure(function(i){probe();});",
      "var o0={link:sock}; o0.C=function(){this.link.write(T);return 0;};",
      "var o1=(function(){var o={link:sock};o.C=function(){this.link.write(T);return 0;};return o;})();",
      "var o2=(function(){return (function(){var o={link:sock};o.C=function(){this.link.write(T);return 0;};return o;})();})();",
      'require("Storage").write("dm","exports.C=function(){this.link.write(T);return 0;};"); var o3={link:sock}; o3.C=require("dm").C;',
    ]);
    expect(
      await answer(
        "[function(i){w0();},function(i){sock.w0();},function(i){w(T);},function(i){sock.write(T);},function(i){w(1);},function(i){w();},function(i){wr();}]" +
          '.map(function(op){return measure(op)-cal;}).join(" ")',
      ),
    ).toBe('="4 4 5 5 5 5 3"');
    // (each op written at the top level, like the calibration's: an op inside another function would cost one more)
    expect(
      await answer(
        "[measure(function(i){o0.C();}),measure(function(i){o1.C();}),measure(function(i){o2.C();}),measure(function(i){o3.C();})]" +
          '.map(function(m){return m-cal;}).join(" ")',
      ),
    ).toBe('="9 10 11 10"');
  });

  it("a function keeps the scopes it was made in: their names and values, and a copy of the chain from two deep", async () => {
    // Per closure kept in an array, typed on the reference interpreter (32-bit, ESP32 memory model): 6 7 13 15 10 10.
    await typeLines([
      "var keep=[]; function used(){return process.memory().usage;} function M(f){var b=used(); f(); var d=used()-b; return d;}",
      "function mk0(){ return function(){ return 1; }; }",
      "function mk1(){ var a=1; return function(){ return a; }; }",
      "function mk2(){ var a=1,b2=2; return (function(){ var c=3; return function(){ return c; }; })(); }",
      "function mk3(){ var a=1; return (function(){ var c=3; return (function(){ var e=5; return function(){ return e; }; })(); })(); }",
      'function mkS(){ var s="abcdefghijklmnopqrstuvwxyz"; return function(){ return s; }; }',
      "function mkO(){ var o={x:1,y:2}; return function(){ return o; }; }",
      "var makers=[mk0,mk1,mk2,mk3,mkS,mkO]; makers.forEach(function(f){keep.push(f());}); keep=[];",
    ]);
    expect(await answer('makers.map(function(f){return Math.floor(M(function(){for(var i=0;i<4;i++)keep.push(f());})/4);}).join(" ")')).toBe(
      '="6 7 13 15 10 10"',
    );
  });

  it("what a running call was given counts when nothing else holds it: a boolean literal, a string made for the call", async () => {
    // Typed on the reference interpreter (32-bit, ESP32 memory model): 13 14 14 13, then 37 for a topic and a
    // 300-byte payload cut out of a packet and handed to a handler. (A string equal to one held elsewhere is taken as
    // that one: the packets' topic differs from Tp on purpose.)
    await typeLines([
      "var pk=-1; function pr(){var u=process.memory(false).usage;if(u>pk)pk=u;}",
      "function ms(op){for(var r=0;r<2;r++){var base=process.memory().usage;pk=-1;for(var i=0;i<16;i++)op(i);var top=pk-base;}return top;}",
      "var sk={write:function(s){pr();}}; var o={link:sk}; var Tp='bench/t', Sm='21.5C';",
      "var cl=ms(function(i){pr();});",
      "o.A=function(t,p,q,r){ this.link.write(t); return 0;};",
      "o.E=function(t,p,q,r){ this.link.write(String.fromCharCode(48,2+t.length+p.length,0,t.length)); this.link.write(t); this.link.write(p); return 0;};",
      "var pkt=[]; for(var j=0;j<16;j++){var b=''; while(b.length<300) b+=String.fromCharCode(97+j%20); pkt.push('\\x00\\x07bench/u'+b);} b=undefined;",
      "var hd={message:function(t,p){pr();}}; function feed(d){ hd.message(d.substr(2,7), d.substr(9)); }",
    ]);
    expect(
      await answer(
        "[ms(function(i){o.A(Tp,Sm,0,1);}),ms(function(i){o.A(Tp,Sm,0,false);}),ms(function(i){o.E(Tp,Sm,0,1);}),ms(function(i){o.A(Tp,Sm);})]" +
          '.map(function(m){return m-cl;}).join(" ")',
      ),
    ).toBe('="13 14 14 13"');
    expect(await answer("ms(function(i){feed(pkt[i]);})-ms(function(i){hd.message(Tp,Sm);})")).toBe("=37");
  });

  it("nothing is left once the calls have returned", async () => {
    expect(await answer("(function(){process.memory();var b=process.memory(false).usage;l3();p2l2(1,2);return process.memory(false).usage-b})()")).toBe("=0");
  });
});

describe("the rules (jsvar-accounting.ts)", () => {
  it("string, name, typed array and call sizes", () => {
    expect([0, 9, 10, 19, 20, 29, 100].map(stringBlocks)).toEqual([1, 1, 2, 2, 3, 3, 11]);
    expect(["a", "abcd", "abcde", "abcdefghijklmn", "abcdefghijklmno"].map(nameBlocks)).toEqual([1, 1, 2, 2, 3]);
    expect([0, 19, 20, 28, 29, 100].map(typedArrayBlocks)).toEqual([3, 4, 5, 5, 6, 11]);
    expect([callBlocks(0, 0, 0), callBlocks(1, 0, 0), callBlocks(0, 2, 0), callBlocks(2, 2, 2), callBlocks(0, 0, 0, 2, true)]).toEqual([3, 4, 5, 8, 6]);
  });

  it("tokenised code: keywords and operators one byte, a space only between two words", () => {
    expect(tokenisedLength("return a+b")).toBe(4);
    expect(tokenisedLength("var x = a === b; // note")).toBe(7);
    expect(tokenisedLength("return typeof a")).toBe(3);
    expect(tokenisedLength("x = y in z")).toBe(5);
  });
});
