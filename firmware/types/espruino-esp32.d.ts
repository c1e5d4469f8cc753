// Type library of Espruino 2v29 on an ESP32 (the "ESP32" board build) — GENERATED, do not edit.
// Made by firmware/types/generate.ts from the Espruino 2v29 source (espruino): the built-ins of
// the ESP32 build (its WRAPPERSOURCES and DEFINES, filtered by Espruino's scripts/common.py), declared with
// TypeScript's own lib.es5…es2022 declarations for the members the board has, and Espruino's "typescript"
// declarations for its own APIs. A complete library: use it with "noLib": true (see tsconfig.board.json), so
// whatever the board lacks (Map, Set, Symbol, Array.from, Math.trunc, Object.freeze, RangeError, …) is an error.
// Not declared although in the build: AES, Bluetooth, BluetoothDevice, BluetoothRemoteGATTCharacteristic, BluetoothRemoteGATTServer, BluetoothRemoteGATTService, File, Graphics, LoopbackA, LoopbackB, NRF, NetworkJS, OneWire, Telnet, TelnetServer, Waveform, dgram, dgramSocket, fs, heatshrink, http, httpCRq, httpCRs, httpSRq, httpSRs, httpSrv, neopixel, timer, url.
/// <reference no-default-lib="true"/>

declare var NaN: number;

declare var Infinity: number;

/**
 * Evaluates JavaScript code and executes it.
 * @param x A String value that contains valid JavaScript code.
 */
declare function eval(x: string): any;

/**
 * Converts a string to an integer.
 * @param string A string to convert into a number.
 * @param radix A value between 2 and 36 that specifies the base of the number in `string`.
 * If this argument is not supplied, strings with a prefix of '0x' are considered hexadecimal.
 * All other strings are considered decimal.
 */
declare function parseInt(string: string, radix?: number): number;

/**
 * Converts a string to a floating-point number.
 * @param string A string that contains a floating-point number.
 */
declare function parseFloat(string: string): number;

/**
 * Returns a Boolean value that indicates whether a value is the reserved value NaN (not a number).
 * @param number A numeric value.
 */
declare function isNaN(number: number): boolean;

/**
 * Determines whether a supplied number is finite.
 * @param number Any numeric value.
 */
declare function isFinite(number: number): boolean;

/**
 * Gets the unencoded version of an encoded component of a Uniform Resource Identifier (URI).
 * @param encodedURIComponent A value representing an encoded URI component.
 */
declare function decodeURIComponent(encodedURIComponent: string): string;

/**
 * Encodes a text string as a valid component of a Uniform Resource Identifier (URI).
 * @param uriComponent A value representing an unencoded URI component.
 */
declare function encodeURIComponent(uriComponent: string | number | boolean): string;

interface Symbol {
    /** Returns a string representation of an object. */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): symbol;
}

declare type PropertyKey = string | number | symbol;

interface PropertyDescriptor {
    configurable?: boolean;
    enumerable?: boolean;
    value?: any;
    writable?: boolean;
    get?(): any;
    set?(v: any): void;
}

interface PropertyDescriptorMap {
    [key: PropertyKey]: PropertyDescriptor;
}

interface Object {
    /** The initial value of Object.prototype.constructor is the standard built-in Object constructor. */
    constructor: Function;
    /** Returns a string representation of an object. */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): Object;
    /**
    * Determines whether an object has a property with the specified name.
    * @param v A property name.
    */
    hasOwnProperty(v: PropertyKey): boolean;
}

interface ObjectConstructor {
    new (value?: any): Object;
    (): any;
    (value: any): any;
    /** A reference to the prototype for a class of objects. */
    readonly prototype: Object;
    /**
    * Returns the prototype of an object.
    * @param o The object that references the prototype.
    */
    getPrototypeOf(o: any): any;
    /**
    * Gets the own property descriptor of the specified object.
    * An own property descriptor is one that is defined directly on the object and is not inherited from the object's prototype.
    * @param o Object that contains the property.
    * @param p Name of the property.
    */
    getOwnPropertyDescriptor(o: any, p: PropertyKey): PropertyDescriptor | undefined;
    /**
    * Returns the names of the own properties of an object. The own properties of an object are those that are defined directly
    * on that object, and are not inherited from the object's prototype. The properties of an object include both fields (objects) and functions.
    * @param o Object that contains the own properties.
    */
    getOwnPropertyNames(o: any): string[];
    /**
    * Creates an object that has the specified prototype or that has null prototype.
    * @param o Object to use as a prototype. May be null.
    */
    create(o: object | null): any;
    /**
    * Creates an object that has the specified prototype, and that optionally contains specified properties.
    * @param o Object to use as a prototype. May be null
    * @param properties JavaScript object that contains one or more property descriptors.
    */
    create(o: object | null, properties: PropertyDescriptorMap & ThisType<any>): any;
    /**
    * Adds a property to an object, or modifies attributes of an existing property.
    * @param o Object on which to add or modify the property. This can be a native JavaScript object (that is, a user-defined object or a built in object) or a DOM object.
    * @param p The property name.
    * @param attributes Descriptor for the property. It can be for a data property or an accessor property.
    */
    defineProperty<T>(o: T, p: PropertyKey, attributes: PropertyDescriptor & ThisType<any>): T;
    /**
    * Adds one or more properties to an object, and/or modifies attributes of existing properties.
    * @param o Object on which to add or modify the properties. This can be a native JavaScript object or a DOM object.
    * @param properties JavaScript object that contains one or more descriptor objects. Each descriptor object describes a data property or an accessor property.
    */
    defineProperties<T>(o: T, properties: PropertyDescriptorMap & ThisType<any>): T;
    /**
    * Returns the names of the enumerable string properties and methods of an object.
    * @param o Object that contains the properties and methods. This can be an object that you created or an existing Document Object Model (DOM) object.
    */
    keys(o: object): string[];
    /**
    * Copy the values of all of the enumerable own properties from one or more source objects to a
    * target object. Returns the target object.
    * @param target The target object to copy to.
    * @param source The source object from which to copy properties.
    */
    assign<T extends {}, U>(target: T, source: U): T & U;
    /**
    * Copy the values of all of the enumerable own properties from one or more source objects to a
    * target object. Returns the target object.
    * @param target The target object to copy to.
    * @param source1 The first source object from which to copy properties.
    * @param source2 The second source object from which to copy properties.
    */
    assign<T extends {}, U, V>(target: T, source1: U, source2: V): T & U & V;
    /**
    * Copy the values of all of the enumerable own properties from one or more source objects to a
    * target object. Returns the target object.
    * @param target The target object to copy to.
    * @param source1 The first source object from which to copy properties.
    * @param source2 The second source object from which to copy properties.
    * @param source3 The third source object from which to copy properties.
    */
    assign<T extends {}, U, V, W>(target: T, source1: U, source2: V, source3: W): T & U & V & W;
    /**
    * Copy the values of all of the enumerable own properties from one or more source objects to a
    * target object. Returns the target object.
    * @param target The target object to copy to.
    * @param sources One or more source objects from which to copy properties
    */
    assign(target: object, ...sources: any[]): any;
    /**
    * Sets the prototype of a specified object o to object proto or null. Returns the object o.
    * @param o The object to change its prototype.
    * @param proto The value of the new prototype or null.
    */
    setPrototypeOf(o: any, proto: object | null): any;
    /**
    * Returns an array of values of the enumerable own properties of an object
    * @param o Object that contains the properties and methods. This can be an object that you created or an existing Document Object Model (DOM) object.
    */
    values<T>(o: { [s: string]: T; } | ArrayLike<T>): T[];
    /**
    * Returns an array of values of the enumerable own properties of an object
    * @param o Object that contains the properties and methods. This can be an object that you created or an existing Document Object Model (DOM) object.
    */
    values(o: {}): any[];
    /**
    * Returns an array of key/values of the enumerable own properties of an object
    * @param o Object that contains the properties and methods. This can be an object that you created or an existing Document Object Model (DOM) object.
    */
    entries<T>(o: { [s: string]: T; } | ArrayLike<T>): [string, T][];
    /**
    * Returns an array of key/values of the enumerable own properties of an object
    * @param o Object that contains the properties and methods. This can be an object that you created or an existing Document Object Model (DOM) object.
    */
    entries(o: {}): [string, any][];
    /**
    * Returns an object containing all own property descriptors of an object
    * @param o Object that contains the properties and methods. This can be an object that you created or an existing Document Object Model (DOM) object.
    */
    getOwnPropertyDescriptors<T>(o: T): { [P in keyof T]: TypedPropertyDescriptor<T[P]>; } & { [x: string]: PropertyDescriptor; };
}

/**
 * Provides functionality common to all JavaScript objects.
 */
declare var Object: ObjectConstructor;

/**
 * Creates a new function.
 */
interface Function {
    /**
    * Calls the function, substituting the specified object for the this value of the function, and the specified array for the arguments of the function.
    * @param thisArg The object to be used as the this object.
    * @param argArray A set of arguments to be passed to the function.
    */
    apply(this: Function, thisArg: any, argArray?: any): any;
    /**
    * Calls a method of an object, substituting another object for the current object.
    * @param thisArg The object to be used as the current object.
    * @param argArray A list of arguments to be passed to the method.
    */
    call(this: Function, thisArg: any, ...argArray: any[]): any;
    /**
    * For a given function, creates a bound function that has the same body as the original function.
    * The this object of the bound function is associated with the specified object, and has the specified initial parameters.
    * @param thisArg An object to which the this keyword can refer inside the new function.
    * @param argArray A list of arguments to be passed to the new function.
    */
    bind(this: Function, thisArg: any, ...argArray: any[]): any;
    /** Returns a string representation of a function. */
    toString(): string;
    prototype: any;
    readonly length: number;
    arguments: any;
    caller: Function;
}

interface FunctionConstructor {
    /**
    * Creates a new function.
    * @param args A list of arguments the function accepts.
    */
    new (...args: string[]): Function;
    (...args: string[]): Function;
    readonly prototype: Function;
}

declare var Function: FunctionConstructor;

/**
 * Extracts the type of the 'this' parameter of a function type, or 'unknown' if the function type has no 'this' parameter.
 */
type ThisParameterType<T> = T extends (this: infer U, ...args: never) => any ? U : unknown;

/**
 * Removes the 'this' parameter from a function type.
 */
type OmitThisParameter<T> = unknown extends ThisParameterType<T> ? T : T extends (...args: infer A) => infer R ? (...args: A) => R : T;

interface CallableFunction extends Function {
    /**
    * Calls the function with the specified object as the this value and the elements of specified array as the arguments.
    * @param thisArg The object to be used as the this object.
    */
    apply<T, R>(this: (this: T) => R, thisArg: T): R;
    /**
    * Calls the function with the specified object as the this value and the elements of specified array as the arguments.
    * @param thisArg The object to be used as the this object.
    * @param args An array of argument values to be passed to the function.
    */
    apply<T, A extends any[], R>(this: (this: T, ...args: A) => R, thisArg: T, args: A): R;
    /**
    * Calls the function with the specified object as the this value and the specified rest arguments as the arguments.
    * @param thisArg The object to be used as the this object.
    * @param args Argument values to be passed to the function.
    */
    call<T, A extends any[], R>(this: (this: T, ...args: A) => R, thisArg: T, ...args: A): R;
    /**
    * For a given function, creates a bound function that has the same body as the original function.
    * The this object of the bound function is associated with the specified object, and has the specified initial parameters.
    * @param thisArg The object to be used as the this object.
    */
    bind<T>(this: T, thisArg: ThisParameterType<T>): OmitThisParameter<T>;
    /**
    * For a given function, creates a bound function that has the same body as the original function.
    * The this object of the bound function is associated with the specified object, and has the specified initial parameters.
    * @param thisArg The object to be used as the this object.
    * @param args Arguments to bind to the parameters of the function.
    */
    bind<T, A extends any[], B extends any[], R>(this: (this: T, ...args: [...A, ...B]) => R, thisArg: T, ...args: A): (...args: B) => R;
}

interface NewableFunction extends Function {
    /**
    * Calls the function with the specified object as the this value and the elements of specified array as the arguments.
    * @param thisArg The object to be used as the this object.
    */
    apply<T>(this: new () => T, thisArg: T): void;
    /**
    * Calls the function with the specified object as the this value and the elements of specified array as the arguments.
    * @param thisArg The object to be used as the this object.
    * @param args An array of argument values to be passed to the function.
    */
    apply<T, A extends any[]>(this: new (...args: A) => T, thisArg: T, args: A): void;
    /**
    * Calls the function with the specified object as the this value and the specified rest arguments as the arguments.
    * @param thisArg The object to be used as the this object.
    * @param args Argument values to be passed to the function.
    */
    call<T, A extends any[]>(this: new (...args: A) => T, thisArg: T, ...args: A): void;
    /**
    * For a given function, creates a bound function that has the same body as the original function.
    * The this object of the bound function is associated with the specified object, and has the specified initial parameters.
    * @param thisArg The object to be used as the this object.
    */
    bind<T>(this: T, thisArg: any): T;
    /**
    * For a given function, creates a bound function that has the same body as the original function.
    * The this object of the bound function is associated with the specified object, and has the specified initial parameters.
    * @param thisArg The object to be used as the this object.
    * @param args Arguments to bind to the parameters of the function.
    */
    bind<A extends any[], B extends any[], R>(this: new (...args: [...A, ...B]) => R, thisArg: any, ...args: A): new (...args: B) => R;
}

interface IArguments {
    [index: number]: any;
    length: number;
    callee: Function;
}

interface String {
    /** Returns a string representation of a string. */
    toString(): string;
    /**
    * Returns the character at the specified index.
    * @param pos The zero-based index of the desired character.
    */
    charAt(pos: number): string;
    /**
    * Returns the Unicode value of the character at the specified location.
    * @param index The zero-based index of the desired character. If there is no character at the specified index, NaN is returned.
    */
    charCodeAt(index: number): number;
    /**
    * Returns a string that contains the concatenation of two or more strings.
    * @param strings The strings to append to the end of the string.
    */
    concat(...strings: string[]): string;
    /**
    * Returns the position of the first occurrence of a substring.
    * @param searchString The substring to search for in the string
    * @param position The index at which to begin searching the String object. If omitted, search starts at the beginning of the string.
    */
    indexOf(searchString: string, position?: number): number;
    /**
    * Returns the last occurrence of a substring in the string.
    * @param searchString The substring to search for.
    * @param position The index at which to begin searching. If omitted, the search begins at the end of the string.
    */
    lastIndexOf(searchString: string, position?: number): number;
    /**
    * Matches a string with a regular expression, and returns an array containing the results of that search.
    * @param regexp A variable name or string literal containing the regular expression pattern and flags.
    */
    match(regexp: string | RegExp): RegExpMatchArray | null;
    /**
    * Replaces text in a string, using a regular expression or search string.
    * @param searchValue A string or regular expression to search for.
    * @param replaceValue A string containing the text to replace. When the {@linkcode searchValue} is a `RegExp`, all matches are replaced if the `g` flag is set (or only those matches at the beginning, if the `y` flag is also present). Otherwise, only the first match of {@linkcode searchValue} is replaced.
    */
    replace(searchValue: string | RegExp, replaceValue: string): string;
    /**
    * Replaces text in a string, using a regular expression or search string.
    * @param searchValue A string to search for.
    * @param replacer A function that returns the replacement text.
    */
    replace(searchValue: string | RegExp, replacer: (substring: string, ...args: any[]) => string): string;
    /**
    * Returns a section of a string.
    * @param start The index to the beginning of the specified portion of stringObj.
    * @param end The index to the end of the specified portion of stringObj. The substring includes the characters up to, but not including, the character indicated by end.
    * If this value is not specified, the substring continues to the end of stringObj.
    */
    slice(start?: number, end?: number): string;
    /**
    * Split a string into substrings using the specified separator and return them as an array.
    * @param separator A string that identifies character or characters to use in separating the string. If omitted, a single-element array containing the entire string is returned.
    * @param limit A value used to limit the number of elements returned in the array.
    */
    split(separator: string | RegExp, limit?: number): string[];
    /**
    * Returns the substring at the specified location within a String object.
    * @param start The zero-based index number indicating the beginning of the substring.
    * @param end Zero-based index number indicating the end of the substring. The substring includes the characters up to, but not including, the character indicated by end.
    * If end is omitted, the characters from start through the end of the original string are returned.
    */
    substring(start: number, end?: number): string;
    /** Converts all the alphabetic characters in a string to lowercase. */
    toLowerCase(): string;
    /** Converts all the alphabetic characters in a string to uppercase. */
    toUpperCase(): string;
    /** Removes the leading and trailing white space and line terminator characters from a string. */
    trim(): string;
    /** Returns the length of a String object. */
    readonly length: number;
    /**
    * Gets a substring beginning at the specified location and having the specified length.
    * @deprecated A legacy feature for browser compatibility
    * @param from The starting position of the desired substring. The index of the first character in the string is zero.
    * @param length The number of characters to include in the returned substring.
    */
    substr(from: number, length?: number): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): string;
    readonly [index: number]: string;
    /**
    * Returns true if searchString appears as a substring of the result of converting this
    * object to a String, at one or more positions that are
    * greater than or equal to position; otherwise, returns false.
    * @param searchString search string
    * @param position If position is undefined, 0 is assumed, so as to search all of the String.
    */
    includes(searchString: string, position?: number): boolean;
    /**
    * Returns true if the sequence of elements of searchString converted to a String is the
    * same as the corresponding elements of this object (converted to a String) starting at
    * endPosition – length(this). Otherwise returns false.
    */
    endsWith(searchString: string, endPosition?: number): boolean;
    /**
    * Returns a String value that is made from count copies appended together. If count is 0,
    * the empty string is returned.
    * @param count number of copies to append
    */
    repeat(count: number): string;
    /**
    * Returns true if the sequence of elements of searchString converted to a String is the
    * same as the corresponding elements of this object (converted to a String) starting at
    * position. Otherwise returns false.
    */
    startsWith(searchString: string, position?: number): boolean;
    /**
    * Pads the current string with a given string (possibly repeated) so that the resulting string reaches a given length.
    * The padding is applied from the start (left) of the current string.
    *
    * @param maxLength The length of the resulting string once the current string has been padded.
    *        If this parameter is smaller than the current string's length, the current string will be returned as it is.
    *
    * @param fillString The string to pad the current string with.
    *        If this string is too long, it will be truncated and the left-most part will be applied.
    *        The default value for this parameter is " " (U+0020).
    */
    padStart(maxLength: number, fillString?: string): string;
    /**
    * Pads the current string with a given string (possibly repeated) so that the resulting string reaches a given length.
    * The padding is applied from the end (right) of the current string.
    *
    * @param maxLength The length of the resulting string once the current string has been padded.
    *        If this parameter is smaller than the current string's length, the current string will be returned as it is.
    *
    * @param fillString The string to pad the current string with.
    *        If this string is too long, it will be truncated and the left-most part will be applied.
    *        The default value for this parameter is " " (U+0020).
    */
    padEnd(maxLength: number, fillString?: string): string;
    /**
    * Replace all instances of a substring in a string, using a regular expression or search string.
    * @param searchValue A string to search for.
    * @param replaceValue A string containing the text to replace for every successful match of searchValue in this string.
    */
    replaceAll(searchValue: string | RegExp, replaceValue: string): string;
    /**
    * Replace all instances of a substring in a string, using a regular expression or search string.
    * @param searchValue A string to search for.
    * @param replacer A function that returns the replacement text.
    */
    replaceAll(searchValue: string | RegExp, replacer: (substring: string, ...args: any[]) => string): string;
}

interface StringConstructor {
    new (value?: any): String;
    (value?: any): string;
    readonly prototype: String;
    fromCharCode(...codes: number[]): string;
}

/**
 * Allows manipulation and formatting of text strings and determination and location of substrings within strings.
 */
declare var String: StringConstructor;

interface Boolean {
    /** Returns the primitive value of the specified object. */
    valueOf(): boolean;
}

interface BooleanConstructor {
    new (value?: any): Boolean;
    <T>(value?: T): boolean;
    readonly prototype: Boolean;
}

interface Number {
    /**
    * Returns a string representation of an object.
    * @param radix Specifies a radix for converting numeric values to strings. This value is only used for numbers.
    */
    toString(radix?: number): string;
    /**
    * Returns a string representing a number in fixed-point notation.
    * @param fractionDigits Number of digits after the decimal point. Must be in the range 0 - 20, inclusive.
    */
    toFixed(fractionDigits?: number): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): number;
}

interface NumberConstructor {
    new (value?: any): Number;
    (value?: any): number;
    readonly prototype: Number;
    /** The largest number that can be represented in JavaScript. Equal to approximately 1.79E+308. */
    readonly MAX_VALUE: number;
    /** The closest number to zero that can be represented in JavaScript. Equal to approximately 5.00E-324. */
    readonly MIN_VALUE: number;
    /**
    * A value that is not a number.
    * In equality comparisons, NaN does not equal any value, including itself. To test whether a value is equivalent to NaN, use the isNaN function.
    */
    readonly NaN: number;
    /**
    * A value that is less than the largest negative number that can be represented in JavaScript.
    * JavaScript displays NEGATIVE_INFINITY values as -infinity.
    */
    readonly NEGATIVE_INFINITY: number;
    /**
    * A value greater than the largest number that can be represented in JavaScript.
    * JavaScript displays POSITIVE_INFINITY values as infinity.
    */
    readonly POSITIVE_INFINITY: number;
}

/** An object that represents a number of any kind. All JavaScript numbers are 64-bit floating-point numbers. */
declare var Number: NumberConstructor;

interface TemplateStringsArray extends ReadonlyArray<string> {
    readonly raw: readonly string[];
}

/**
 * The type of `import.meta`.
 *
 * If you need to declare that a given property exists on `import.meta`,
 * this type may be augmented via interface merging.
 */
interface ImportMeta {

}

/**
 * The type for the optional second argument to `import()`.
 *
 * If your host environment supports additional options, this type may be
 * augmented via interface merging.
 */
interface ImportCallOptions {
    /** @deprecated*/
    assert?: ImportAssertions;
    with?: ImportAttributes;
}

/**
 * The type for the `assert` property of the optional second argument to `import()`.
 * @deprecated
 */
interface ImportAssertions {
    [key: string]: string;
}

/**
 * The type for the `with` property of the optional second argument to `import()`.
 */
interface ImportAttributes {
    [key: string]: string;
}

interface Math {
    /** The mathematical constant e. This is Euler's number, the base of natural logarithms. */
    readonly E: number;
    /** The natural logarithm of 10. */
    readonly LN10: number;
    /** The natural logarithm of 2. */
    readonly LN2: number;
    /** The base-2 logarithm of e. */
    readonly LOG2E: number;
    /** The base-10 logarithm of e. */
    readonly LOG10E: number;
    /** Pi. This is the ratio of the circumference of a circle to its diameter. */
    readonly PI: number;
    /** The square root of 0.5, or, equivalently, one divided by the square root of 2. */
    readonly SQRT1_2: number;
    /** The square root of 2. */
    readonly SQRT2: number;
    /**
    * Returns the absolute value of a number (the value without regard to whether it is positive or negative).
    * For example, the absolute value of -5 is the same as the absolute value of 5.
    * @param x A numeric expression for which the absolute value is needed.
    */
    abs(x: number): number;
    /**
    * Returns the arc cosine (or inverse cosine) of a number.
    * @param x A numeric expression.
    */
    acos(x: number): number;
    /**
    * Returns the arcsine of a number.
    * @param x A numeric expression.
    */
    asin(x: number): number;
    /**
    * Returns the arctangent of a number.
    * @param x A numeric expression for which the arctangent is needed.
    */
    atan(x: number): number;
    /**
    * Returns the angle (in radians) between the X axis and the line going through both the origin and the given point.
    * @param y A numeric expression representing the cartesian y-coordinate.
    * @param x A numeric expression representing the cartesian x-coordinate.
    */
    atan2(y: number, x: number): number;
    /**
    * Returns the smallest integer greater than or equal to its numeric argument.
    * @param x A numeric expression.
    */
    ceil(x: number): number;
    /**
    * Returns the cosine of a number.
    * @param x A numeric expression that contains an angle measured in radians.
    */
    cos(x: number): number;
    /**
    * Returns e (the base of natural logarithms) raised to a power.
    * @param x A numeric expression representing the power of e.
    */
    exp(x: number): number;
    /**
    * Returns the greatest integer less than or equal to its numeric argument.
    * @param x A numeric expression.
    */
    floor(x: number): number;
    /**
    * Returns the natural logarithm (base e) of a number.
    * @param x A numeric expression.
    */
    log(x: number): number;
    /**
    * Returns the larger of a set of supplied numeric expressions.
    * @param values Numeric expressions to be evaluated.
    */
    max(...values: number[]): number;
    /**
    * Returns the smaller of a set of supplied numeric expressions.
    * @param values Numeric expressions to be evaluated.
    */
    min(...values: number[]): number;
    /**
    * Returns the value of a base expression taken to a specified power.
    * @param x The base value of the expression.
    * @param y The exponent value of the expression.
    */
    pow(x: number, y: number): number;
    /** Returns a pseudorandom number between 0 and 1. */
    random(): number;
    /**
    * Returns a supplied numeric expression rounded to the nearest integer.
    * @param x The value to be rounded to the nearest integer.
    */
    round(x: number): number;
    /**
    * Returns the sine of a number.
    * @param x A numeric expression that contains an angle measured in radians.
    */
    sin(x: number): number;
    /**
    * Returns the square root of a number.
    * @param x A numeric expression.
    */
    sqrt(x: number): number;
    /**
    * Returns the tangent of a number.
    * @param x A numeric expression that contains an angle measured in radians.
    */
    tan(x: number): number;
    /**
    * Returns the sign of the x, indicating whether x is positive, negative or zero.
    * @param x The numeric expression to test
    */
    sign(x: number): number;
}

/** An intrinsic object that provides basic mathematics functionality and constants. */
declare var Math: Math;

/** Enables basic storage and retrieval of dates and times. */
interface Date {
    /** Returns a string representation of a date. The format of the string depends on the locale. */
    toString(): string;
    /** Returns the stored time value in milliseconds since midnight, January 1, 1970 UTC. */
    valueOf(): number;
    /** Returns the stored time value in milliseconds since midnight, January 1, 1970 UTC. */
    getTime(): number;
    /** Gets the year, using local time. */
    getFullYear(): number;
    /** Gets the year using Universal Coordinated Time (UTC). */
    getUTCFullYear(): number;
    /** Gets the month, using local time. */
    getMonth(): number;
    /** Gets the month of a Date object using Universal Coordinated Time (UTC). */
    getUTCMonth(): number;
    /** Gets the day-of-the-month, using local time. */
    getDate(): number;
    /** Gets the day-of-the-month, using Universal Coordinated Time (UTC). */
    getUTCDate(): number;
    /** Gets the day of the week, using local time. */
    getDay(): number;
    /** Gets the day of the week using Universal Coordinated Time (UTC). */
    getUTCDay(): number;
    /** Gets the hours in a date, using local time. */
    getHours(): number;
    /** Gets the hours value in a Date object using Universal Coordinated Time (UTC). */
    getUTCHours(): number;
    /** Gets the minutes of a Date object, using local time. */
    getMinutes(): number;
    /** Gets the minutes of a Date object using Universal Coordinated Time (UTC). */
    getUTCMinutes(): number;
    /** Gets the seconds of a Date object, using local time. */
    getSeconds(): number;
    /** Gets the seconds of a Date object using Universal Coordinated Time (UTC). */
    getUTCSeconds(): number;
    /** Gets the milliseconds of a Date, using local time. */
    getMilliseconds(): number;
    /** Gets the milliseconds of a Date object using Universal Coordinated Time (UTC). */
    getUTCMilliseconds(): number;
    /** Gets the difference in minutes between Universal Coordinated Time (UTC) and the time on the local computer. */
    getTimezoneOffset(): number;
    /**
    * Sets the date and time value in the Date object.
    * @param time A numeric value representing the number of elapsed milliseconds since midnight, January 1, 1970 GMT.
    */
    setTime(time: number): number;
    /**
    * Sets the milliseconds value in the Date object using local time.
    * @param ms A numeric value equal to the millisecond value.
    */
    setMilliseconds(ms: number): number;
    /**
    * Sets the seconds value in the Date object using local time.
    * @param sec A numeric value equal to the seconds value.
    * @param ms A numeric value equal to the milliseconds value.
    */
    setSeconds(sec: number, ms?: number): number;
    /**
    * Sets the minutes value in the Date object using local time.
    * @param min A numeric value equal to the minutes value.
    * @param sec A numeric value equal to the seconds value.
    * @param ms A numeric value equal to the milliseconds value.
    */
    setMinutes(min: number, sec?: number, ms?: number): number;
    /**
    * Sets the hour value in the Date object using local time.
    * @param hours A numeric value equal to the hours value.
    * @param min A numeric value equal to the minutes value.
    * @param sec A numeric value equal to the seconds value.
    * @param ms A numeric value equal to the milliseconds value.
    */
    setHours(hours: number, min?: number, sec?: number, ms?: number): number;
    /**
    * Sets the numeric day-of-the-month value of the Date object using local time.
    * @param date A numeric value equal to the day of the month.
    */
    setDate(date: number): number;
    /**
    * Sets the month value in the Date object using local time.
    * @param month A numeric value equal to the month. The value for January is 0, and other month values follow consecutively.
    * @param date A numeric value representing the day of the month. If this value is not supplied, the value from a call to the getDate method is used.
    */
    setMonth(month: number, date?: number): number;
    /**
    * Sets the year of the Date object using local time.
    * @param year A numeric value for the year.
    * @param month A zero-based numeric value for the month (0 for January, 11 for December). Must be specified if numDate is specified.
    * @param date A numeric value equal for the day of the month.
    */
    setFullYear(year: number, month?: number, date?: number): number;
    /** Returns a date converted to a string using Universal Coordinated Time (UTC). */
    toUTCString(): string;
    /** Returns a date as a string value in ISO format. */
    toISOString(): string;
    /** Used by the JSON.stringify method to enable the transformation of an object's data for JavaScript Object Notation (JSON) serialization. */
    toJSON(key?: any): string;
}

interface DateConstructor {
    new (): Date;
    new (value: number | string): Date;
    /**
    * Creates a new Date.
    * @param year The full year designation is required for cross-century date accuracy. If year is between 0 and 99 is used, then year is assumed to be 1900 + year.
    * @param monthIndex The month as a number between 0 and 11 (January to December).
    * @param date The date as a number between 1 and 31.
    * @param hours Must be supplied if minutes is supplied. A number from 0 to 23 (midnight to 11pm) that specifies the hour.
    * @param minutes Must be supplied if seconds is supplied. A number from 0 to 59 that specifies the minutes.
    * @param seconds Must be supplied if milliseconds is supplied. A number from 0 to 59 that specifies the seconds.
    * @param ms A number from 0 to 999 that specifies the milliseconds.
    */
    new (year: number, monthIndex: number, date?: number, hours?: number, minutes?: number, seconds?: number, ms?: number): Date;
    (): string;
    readonly prototype: Date;
    /**
    * Parses a string containing a date, and returns the number of milliseconds between that date and midnight, January 1, 1970.
    * @param s A date string
    */
    parse(s: string): number;
    /** Returns the number of milliseconds elapsed since midnight, January 1, 1970 Universal Coordinated Time (UTC). */
    now(): number;
}

declare var Date: DateConstructor;

interface RegExpMatchArray extends Array<string> {
    /**
    * The index of the search at which the result was found.
    */
    index?: number;
    /**
    * A copy of the search string.
    */
    input?: string;
    /**
    * The first match. This will always be present because `null` will be returned if there are no matches.
    */
    0: string;
}

interface RegExpExecArray extends Array<string> {
    /**
    * The index of the search at which the result was found.
    */
    index: number;
    /**
    * A copy of the search string.
    */
    input: string;
    /**
    * The first match. This will always be present because `null` will be returned if there are no matches.
    */
    0: string;
}

interface RegExp {
    /**
    * Executes a search on a string using a regular expression pattern, and returns an array containing the results of that search.
    * @param string The String object or string literal on which to perform the search.
    */
    exec(string: string): RegExpExecArray | null;
    /**
    * Returns a Boolean value that indicates whether or not a pattern exists in a searched string.
    * @param string String on which to perform the search.
    */
    test(string: string): boolean;
    /** Returns a copy of the text of the regular expression pattern. Read-only. The regExp argument is a Regular expression object. It can be a variable name or a literal. */
    readonly source: string;
    lastIndex: number;
}

interface RegExpConstructor {
    new (pattern: RegExp | string): RegExp;
    new (pattern: string, flags?: string): RegExp;
    (pattern: RegExp | string): RegExp;
    (pattern: string, flags?: string): RegExp;
    readonly "prototype": RegExp;
    /** @deprecated A legacy feature for browser compatibility */
    "input": string;
}

declare var RegExp: RegExpConstructor;

interface Error {
    message: string;
    stack?: string;
}

interface ErrorConstructor {
    new (message?: string): Error;
    (message?: string): Error;
    readonly prototype: Error;
}

declare var Error: ErrorConstructor;

interface EvalError extends Error {

}

interface EvalErrorConstructor extends ErrorConstructor {
    new (message?: string): EvalError;
    (message?: string): EvalError;
    readonly prototype: EvalError;
}

interface RangeError extends Error {

}

interface RangeErrorConstructor extends ErrorConstructor {
    new (message?: string): RangeError;
    (message?: string): RangeError;
    readonly prototype: RangeError;
}

interface ReferenceError extends Error {

}

interface ReferenceErrorConstructor extends ErrorConstructor {
    new (message?: string): ReferenceError;
    (message?: string): ReferenceError;
    readonly prototype: ReferenceError;
}

declare var ReferenceError: ReferenceErrorConstructor;

interface SyntaxError extends Error {

}

interface SyntaxErrorConstructor extends ErrorConstructor {
    new (message?: string): SyntaxError;
    (message?: string): SyntaxError;
    readonly prototype: SyntaxError;
}

declare var SyntaxError: SyntaxErrorConstructor;

interface TypeError extends Error {

}

interface TypeErrorConstructor extends ErrorConstructor {
    new (message?: string): TypeError;
    (message?: string): TypeError;
    readonly prototype: TypeError;
}

declare var TypeError: TypeErrorConstructor;

interface URIError extends Error {

}

interface URIErrorConstructor extends ErrorConstructor {
    new (message?: string): URIError;
    (message?: string): URIError;
    readonly prototype: URIError;
}

interface JSON {
    /**
    * Converts a JavaScript Object Notation (JSON) string into an object.
    * @param text A valid JSON string.
    * @param reviver A function that transforms the results. This function is called for each member of the object.
    * If a member contains nested objects, the nested objects are transformed before the parent object is.
    * @throws {SyntaxError} If `text` is not valid JSON.
    */
    parse(text: string, reviver?: (this: any, key: string, value: any) => any): any;
    /**
    * Converts a JavaScript value to a JavaScript Object Notation (JSON) string.
    * @param value A JavaScript value, usually an object or array, to be converted.
    * @param replacer A function that transforms the results.
    * @param space Adds indentation, white space, and line break characters to the return-value JSON text to make it easier to read.
    * @throws {TypeError} If a circular reference or a BigInt value is found.
    */
    stringify(value: any, replacer?: (this: any, key: string, value: any) => any, space?: string | number): string;
    /**
    * Converts a JavaScript value to a JavaScript Object Notation (JSON) string.
    * @param value A JavaScript value, usually an object or array, to be converted.
    * @param replacer An array of strings and numbers that acts as an approved list for selecting the object properties that will be stringified.
    * @param space Adds indentation, white space, and line break characters to the return-value JSON text to make it easier to read.
    * @throws {TypeError} If a circular reference or a BigInt value is found.
    */
    stringify(value: any, replacer?: (number | string)[] | null, space?: string | number): string;
}

/**
 * An intrinsic object that provides functions to convert JavaScript values to and from the JavaScript Object Notation (JSON) format.
 */
declare var JSON: JSON;

interface ReadonlyArray<T> {
    /**
    * Gets the length of the array. This is a number one higher than the highest element defined in an array.
    */
    readonly length: number;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /**
    * Combines two or more arrays.
    * @param items Additional items to add to the end of array1.
    */
    concat(...items: ConcatArray<T>[]): T[];
    /**
    * Combines two or more arrays.
    * @param items Additional items to add to the end of array1.
    */
    concat(...items: (T | ConcatArray<T>)[]): T[];
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): T[];
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the search starts at index 0.
    */
    indexOf(searchElement: T, fromIndex?: number): number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every<S extends T>(predicate: (value: T, index: number, array: readonly T[]) => value is S, thisArg?: any): this is readonly S[];
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: T, index: number, array: readonly T[]) => unknown, thisArg?: any): boolean;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: T, index: number, array: readonly T[]) => unknown, thisArg?: any): boolean;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function. If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: T, index: number, array: readonly T[]) => void, thisArg?: any): void;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function. If thisArg is omitted, undefined is used as the this value.
    */
    map<U>(callbackfn: (value: T, index: number, array: readonly T[]) => U, thisArg?: any): U[];
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function. If thisArg is omitted, undefined is used as the this value.
    */
    filter<S extends T>(predicate: (value: T, index: number, array: readonly T[]) => value is S, thisArg?: any): S[];
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function. If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: T, index: number, array: readonly T[]) => unknown, thisArg?: any): T[];
    /**
    * Calls the specified callback function for all the elements in an array. The return value of the callback function is the accumulated result, and is provided as an argument in the next call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start the accumulation. The first call to the callbackfn function provides this value as an argument instead of an array value.
    */
    reduce(callbackfn: (previousValue: T, currentValue: T, currentIndex: number, array: readonly T[]) => T): T;
    reduce(callbackfn: (previousValue: T, currentValue: T, currentIndex: number, array: readonly T[]) => T, initialValue: T): T;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of the callback function is the accumulated result, and is provided as an argument in the next call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start the accumulation. The first call to the callbackfn function provides this value as an argument instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: T, currentIndex: number, array: readonly T[]) => U, initialValue: U): U;
    readonly [n: number]: T;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find<S extends T>(predicate: (value: T, index: number, obj: readonly T[]) => value is S, thisArg?: any): S | undefined;
    find(predicate: (value: T, index: number, obj: readonly T[]) => unknown, thisArg?: any): T | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: T, index: number, obj: readonly T[]) => unknown, thisArg?: any): number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: T, fromIndex?: number): boolean;
}

interface ConcatArray<T> {
    readonly length: number;
    readonly [n: number]: T;
    join(separator?: string): string;
    slice(start?: number, end?: number): T[];
}

interface Array<T> {
    /**
    * Gets or sets the length of the array. This is a number one higher than the highest index in the array.
    */
    length: number;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /**
    * Removes the last element from an array and returns it.
    * If the array is empty, undefined is returned and the array is not modified.
    */
    pop(): T | undefined;
    /**
    * Appends new elements to the end of an array, and returns the new length of the array.
    * @param items New elements to add to the array.
    */
    push(...items: T[]): number;
    /**
    * Combines two or more arrays.
    * This method returns a new array without modifying any existing arrays.
    * @param items Additional arrays and/or items to add to the end of the array.
    */
    concat(...items: ConcatArray<T>[]): T[];
    /**
    * Combines two or more arrays.
    * This method returns a new array without modifying any existing arrays.
    * @param items Additional arrays and/or items to add to the end of the array.
    */
    concat(...items: (T | ConcatArray<T>)[]): T[];
    /**
    * Adds all the elements of an array into a string, separated by the specified separator string.
    * @param separator A string used to separate one element of the array from the next in the resulting string. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * Reverses the elements in an array in place.
    * This method mutates the array and returns a reference to the same array.
    */
    reverse(): T[];
    /**
    * Removes the first element from an array and returns it.
    * If the array is empty, undefined is returned and the array is not modified.
    */
    shift(): T | undefined;
    /**
    * Returns a copy of a section of an array.
    * For both start and end, a negative index can be used to indicate an offset from the end of the array.
    * For example, -2 refers to the second to last element of the array.
    * @param start The beginning index of the specified portion of the array.
    * If start is undefined, then the slice begins at index 0.
    * @param end The end index of the specified portion of the array. This is exclusive of the element at the index 'end'.
    * If end is undefined, then the slice extends to the end of the array.
    */
    slice(start?: number, end?: number): T[];
    /**
    * Sorts an array in place.
    * This method mutates the array and returns a reference to the same array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if the first argument is less than the second argument, zero if they're equal, and a positive
    * value otherwise. If omitted, the elements are sorted in ascending, UTF-16 code unit order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: T, b: T) => number): this;
    /**
    * Removes elements from an array and, if necessary, inserts new elements in their place, returning the deleted elements.
    * @param start The zero-based location in the array from which to start removing elements.
    * @param deleteCount The number of elements to remove. Omitting this argument will remove all elements from the start
    * paramater location to end of the array. If value of this argument is either a negative number, zero, undefined, or a type
    * that cannot be converted to an integer, the function will evaluate the argument as zero and not remove any elements.
    * @returns An array containing the elements that were deleted.
    */
    splice(start: number, deleteCount?: number): T[];
    /**
    * Removes elements from an array and, if necessary, inserts new elements in their place, returning the deleted elements.
    * @param start The zero-based location in the array from which to start removing elements.
    * @param deleteCount The number of elements to remove. If value of this argument is either a negative number, zero,
    * undefined, or a type that cannot be converted to an integer, the function will evaluate the argument as zero and
    * not remove any elements.
    * @param items Elements to insert into the array in place of the deleted elements.
    * @returns An array containing the elements that were deleted.
    */
    splice(start: number, deleteCount: number, ...items: T[]): T[];
    /**
    * Inserts new elements at the start of an array, and returns the new length of the array.
    * @param items Elements to insert at the start of the array.
    */
    unshift(...items: T[]): number;
    /**
    * Returns the index of the first occurrence of a value in an array, or -1 if it is not present.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the search starts at index 0.
    */
    indexOf(searchElement: T, fromIndex?: number): number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every<S extends T>(predicate: (value: T, index: number, array: T[]) => value is S, thisArg?: any): this is S[];
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: T, index: number, array: T[]) => unknown, thisArg?: any): boolean;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: T, index: number, array: T[]) => unknown, thisArg?: any): boolean;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function. If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: T, index: number, array: T[]) => void, thisArg?: any): void;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function. If thisArg is omitted, undefined is used as the this value.
    */
    map<U>(callbackfn: (value: T, index: number, array: T[]) => U, thisArg?: any): U[];
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function. If thisArg is omitted, undefined is used as the this value.
    */
    filter<S extends T>(predicate: (value: T, index: number, array: T[]) => value is S, thisArg?: any): S[];
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function. If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: T, index: number, array: T[]) => unknown, thisArg?: any): T[];
    /**
    * Calls the specified callback function for all the elements in an array. The return value of the callback function is the accumulated result, and is provided as an argument in the next call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start the accumulation. The first call to the callbackfn function provides this value as an argument instead of an array value.
    */
    reduce(callbackfn: (previousValue: T, currentValue: T, currentIndex: number, array: T[]) => T): T;
    reduce(callbackfn: (previousValue: T, currentValue: T, currentIndex: number, array: T[]) => T, initialValue: T): T;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of the callback function is the accumulated result, and is provided as an argument in the next call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start the accumulation. The first call to the callbackfn function provides this value as an argument instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: T, currentIndex: number, array: T[]) => U, initialValue: U): U;
    [n: number]: T;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find<S extends T>(predicate: (value: T, index: number, obj: T[]) => value is S, thisArg?: any): S | undefined;
    find(predicate: (value: T, index: number, obj: T[]) => unknown, thisArg?: any): T | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: T, index: number, obj: T[]) => unknown, thisArg?: any): number;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: T, start?: number, end?: number): this;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: T, fromIndex?: number): boolean;
}

interface ArrayConstructor {
    new (arrayLength?: number): any[];
    new <T>(arrayLength: number): T[];
    new <T>(...items: T[]): T[];
    (arrayLength?: number): any[];
    <T>(arrayLength: number): T[];
    <T>(...items: T[]): T[];
    isArray(arg: any): arg is any[];
    readonly prototype: any[];
}

declare var Array: ArrayConstructor;

interface TypedPropertyDescriptor<T> {
    enumerable?: boolean;
    configurable?: boolean;
    writable?: boolean;
    value?: T;
    get?: () => T;
    set?: (value: T) => void;
}

declare type PromiseConstructorLike = new <T>(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: any) => void) => void) => PromiseLike<T>;

interface PromiseLike<T> {
    /**
    * Attaches callbacks for the resolution and/or rejection of the Promise.
    * @param onfulfilled The callback to execute when the Promise is resolved.
    * @param onrejected The callback to execute when the Promise is rejected.
    * @returns A Promise for the completion of which ever callback is executed.
    */
    then<TResult1 = T, TResult2 = never>(onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null, onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | undefined | null): PromiseLike<TResult1 | TResult2>;
}

/**
 * Represents the completion of an asynchronous operation
 */
interface Promise<T> {
    /**
    * Attaches callbacks for the resolution and/or rejection of the Promise.
    * @param onfulfilled The callback to execute when the Promise is resolved.
    * @param onrejected The callback to execute when the Promise is rejected.
    * @returns A Promise for the completion of which ever callback is executed.
    */
    then<TResult1 = T, TResult2 = never>(onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null, onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | undefined | null): Promise<TResult1 | TResult2>;
    /**
    * Attaches a callback for only the rejection of the Promise.
    * @param onrejected The callback to execute when the Promise is rejected.
    * @returns A Promise for the completion of the callback.
    */
    catch<TResult = never>(onrejected?: ((reason: any) => TResult | PromiseLike<TResult>) | undefined | null): Promise<T | TResult>;
}

/**
 * Recursively unwraps the "awaited type" of a type. Non-promise "thenables" should resolve to `never`. This emulates the behavior of `await`.
 */
type Awaited<T> = T extends null | undefined ? T : // special case for `null | undefined` when not in `--strictNullChecks` mode
    T extends object & { then(onfulfilled: infer F, ...args: infer _): any; } ? // `await` only unwraps object types with a callable `then`. Non-object types are not unwrapped
        F extends ((value: infer V, ...args: infer _) => any) ? // if the argument to `then` is callable, extracts the first argument
            Awaited<V> : // recursively unwrap the value
        never : // the argument to `then` was not callable
    T;

interface ArrayLike<T> {
    readonly length: number;
    readonly [n: number]: T;
}

/**
 * Make all properties in T optional
 */
type Partial<T> = {
    [P in keyof T]?: T[P];
};

/**
 * Make all properties in T required
 */
type Required<T> = {
    [P in keyof T]-?: T[P];
};

/**
 * Make all properties in T readonly
 */
type Readonly<T> = {
    readonly [P in keyof T]: T[P];
};

/**
 * From T, pick a set of properties whose keys are in the union K
 */
type Pick<T, K extends keyof T> = {
    [P in K]: T[P];
};

/**
 * Construct a type with a set of properties K of type T
 */
type Record<K extends keyof any, T> = {
    [P in K]: T;
};

/**
 * Exclude from T those types that are assignable to U
 */
type Exclude<T, U> = T extends U ? never : T;

/**
 * Extract from T those types that are assignable to U
 */
type Extract<T, U> = T extends U ? T : never;

/**
 * Construct a type with the properties of T except for those in type K.
 */
type Omit<T, K extends keyof any> = Pick<T, Exclude<keyof T, K>>;

/**
 * Exclude null and undefined from T
 */
type NonNullable<T> = T & {};

/**
 * Obtain the parameters of a function type in a tuple
 */
type Parameters<T extends (...args: any) => any> = T extends (...args: infer P) => any ? P : never;

/**
 * Obtain the parameters of a constructor function type in a tuple
 */
type ConstructorParameters<T extends abstract new (...args: any) => any> = T extends abstract new (...args: infer P) => any ? P : never;

/**
 * Obtain the return type of a function type
 */
type ReturnType<T extends (...args: any) => any> = T extends (...args: any) => infer R ? R : any;

/**
 * Obtain the return type of a constructor function type
 */
type InstanceType<T extends abstract new (...args: any) => any> = T extends abstract new (...args: any) => infer R ? R : any;

/**
 * Convert string literal type to uppercase
 */
type Uppercase<S extends string> = intrinsic;

/**
 * Convert string literal type to lowercase
 */
type Lowercase<S extends string> = intrinsic;

/**
 * Convert first character of string literal type to uppercase
 */
type Capitalize<S extends string> = intrinsic;

/**
 * Convert first character of string literal type to lowercase
 */
type Uncapitalize<S extends string> = intrinsic;

/**
 * Marker for non-inference type position
 */
type NoInfer<T> = intrinsic;

/**
 * Marker for contextual 'this' type
 */
interface ThisType<T> {

}

/**
 * Stores types to be used with WeakSet, WeakMap, WeakRef, and FinalizationRegistry
 */
interface WeakKeyTypes {
    object: object;
}

type WeakKey = WeakKeyTypes[keyof WeakKeyTypes];

/**
 * Represents a raw buffer of binary data, which is used to store data for the
 * different typed arrays. ArrayBuffers cannot be read from or written to directly,
 * but can be passed to a typed array or DataView Object to interpret the raw
 * buffer as needed.
 */
interface ArrayBuffer {
    /**
    * Read-only. The length of the ArrayBuffer (in bytes).
    */
    readonly byteLength: number;
}

/**
 * Allowed ArrayBuffer types for the buffer of an ArrayBufferView and related Typed Arrays.
 */
interface ArrayBufferTypes {
    ArrayBuffer: ArrayBuffer;
}

type ArrayBufferLike = ArrayBufferTypes[keyof ArrayBufferTypes];

interface ArrayBufferConstructor {
    readonly prototype: ArrayBuffer;
    new (byteLength: number): ArrayBuffer;
}

declare var ArrayBuffer: ArrayBufferConstructor;

interface ArrayBufferView<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
}

interface DataView<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    readonly buffer: TArrayBuffer;
    readonly byteLength: number;
    readonly byteOffset: number;
    /**
    * Gets the Float32 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    * @param littleEndian If false or undefined, a big-endian value should be read.
    */
    getFloat32(byteOffset: number, littleEndian?: boolean): number;
    /**
    * Gets the Float64 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    * @param littleEndian If false or undefined, a big-endian value should be read.
    */
    getFloat64(byteOffset: number, littleEndian?: boolean): number;
    /**
    * Gets the Int8 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    */
    getInt8(byteOffset: number): number;
    /**
    * Gets the Int16 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    * @param littleEndian If false or undefined, a big-endian value should be read.
    */
    getInt16(byteOffset: number, littleEndian?: boolean): number;
    /**
    * Gets the Int32 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    * @param littleEndian If false or undefined, a big-endian value should be read.
    */
    getInt32(byteOffset: number, littleEndian?: boolean): number;
    /**
    * Gets the Uint8 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    */
    getUint8(byteOffset: number): number;
    /**
    * Gets the Uint16 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    * @param littleEndian If false or undefined, a big-endian value should be read.
    */
    getUint16(byteOffset: number, littleEndian?: boolean): number;
    /**
    * Gets the Uint32 value at the specified byte offset from the start of the view. There is
    * no alignment constraint; multi-byte values may be fetched from any offset.
    * @param byteOffset The place in the buffer at which the value should be retrieved.
    * @param littleEndian If false or undefined, a big-endian value should be read.
    */
    getUint32(byteOffset: number, littleEndian?: boolean): number;
    /**
    * Stores an Float32 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    * @param littleEndian If false or undefined, a big-endian value should be written.
    */
    setFloat32(byteOffset: number, value: number, littleEndian?: boolean): void;
    /**
    * Stores an Float64 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    * @param littleEndian If false or undefined, a big-endian value should be written.
    */
    setFloat64(byteOffset: number, value: number, littleEndian?: boolean): void;
    /**
    * Stores an Int8 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    */
    setInt8(byteOffset: number, value: number): void;
    /**
    * Stores an Int16 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    * @param littleEndian If false or undefined, a big-endian value should be written.
    */
    setInt16(byteOffset: number, value: number, littleEndian?: boolean): void;
    /**
    * Stores an Int32 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    * @param littleEndian If false or undefined, a big-endian value should be written.
    */
    setInt32(byteOffset: number, value: number, littleEndian?: boolean): void;
    /**
    * Stores an Uint8 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    */
    setUint8(byteOffset: number, value: number): void;
    /**
    * Stores an Uint16 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    * @param littleEndian If false or undefined, a big-endian value should be written.
    */
    setUint16(byteOffset: number, value: number, littleEndian?: boolean): void;
    /**
    * Stores an Uint32 value at the specified byte offset from the start of the view.
    * @param byteOffset The place in the buffer at which the value should be set.
    * @param value The value to set.
    * @param littleEndian If false or undefined, a big-endian value should be written.
    */
    setUint32(byteOffset: number, value: number, littleEndian?: boolean): void;
}

interface DataViewConstructor {
    readonly prototype: DataView<ArrayBufferLike>;
    new <TArrayBuffer extends ArrayBufferLike & { BYTES_PER_ELEMENT?: never; }>(buffer: TArrayBuffer, byteOffset?: number, byteLength?: number): DataView<TArrayBuffer>;
}

declare var DataView: DataViewConstructor;

/**
 * A typed array of 8-bit integer values. The contents are initialized to 0. If the requested
 * number of bytes could not be allocated an exception is raised.
 */
interface Int8Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Int8Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Int8Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Int8Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Int8Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Int8Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Int8ArrayConstructor {
    readonly prototype: Int8Array<ArrayBufferLike>;
    new (length: number): Int8Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Int8Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Int8Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Int8Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Int8Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Int8Array: Int8ArrayConstructor;

/**
 * A typed array of 8-bit unsigned integer values. The contents are initialized to 0. If the
 * requested number of bytes could not be allocated an exception is raised.
 */
interface Uint8Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Uint8Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Uint8Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Uint8Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Uint8Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Uint8Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Uint8ArrayConstructor {
    readonly prototype: Uint8Array<ArrayBufferLike>;
    new (length: number): Uint8Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Uint8Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Uint8Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Uint8Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Uint8Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Uint8Array: Uint8ArrayConstructor;

/**
 * A typed array of 8-bit unsigned integer (clamped) values. The contents are initialized to 0.
 * If the requested number of bytes could not be allocated an exception is raised.
 */
interface Uint8ClampedArray<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Uint8ClampedArray<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Uint8ClampedArray<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Uint8ClampedArray<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Uint8ClampedArray view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Uint8ClampedArray<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Uint8ClampedArrayConstructor {
    readonly prototype: Uint8ClampedArray<ArrayBufferLike>;
    new (length: number): Uint8ClampedArray<ArrayBuffer>;
    new (array: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Uint8ClampedArray<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Uint8ClampedArray<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Uint8ClampedArray<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Uint8ClampedArray: Uint8ClampedArrayConstructor;

/**
 * A typed array of 16-bit signed integer values. The contents are initialized to 0. If the
 * requested number of bytes could not be allocated an exception is raised.
 */
interface Int16Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Int16Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Int16Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Int16Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Int16Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Int16Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Int16ArrayConstructor {
    readonly prototype: Int16Array<ArrayBufferLike>;
    new (length: number): Int16Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Int16Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Int16Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Int16Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Int16Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Int16Array: Int16ArrayConstructor;

/**
 * A typed array of 16-bit unsigned integer values. The contents are initialized to 0. If the
 * requested number of bytes could not be allocated an exception is raised.
 */
interface Uint16Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Uint16Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Uint16Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Uint16Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Uint16Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Uint16Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Uint16ArrayConstructor {
    readonly prototype: Uint16Array<ArrayBufferLike>;
    new (length: number): Uint16Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Uint16Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Uint16Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Uint16Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Uint16Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Uint16Array: Uint16ArrayConstructor;

/**
 * A typed array of 32-bit signed integer values. The contents are initialized to 0. If the
 * requested number of bytes could not be allocated an exception is raised.
 */
interface Int32Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Int32Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Int32Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Int32Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Int32Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Int32Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Int32ArrayConstructor {
    readonly prototype: Int32Array<ArrayBufferLike>;
    new (length: number): Int32Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Int32Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Int32Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Int32Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Int32Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Int32Array: Int32ArrayConstructor;

/**
 * A typed array of 32-bit unsigned integer values. The contents are initialized to 0. If the
 * requested number of bytes could not be allocated an exception is raised.
 */
interface Uint32Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Uint32Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Uint32Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Uint32Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Uint32Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Uint32Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Uint32ArrayConstructor {
    readonly prototype: Uint32Array<ArrayBufferLike>;
    new (length: number): Uint32Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Uint32Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Uint32Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Uint32Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Uint32Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Uint32Array: Uint32ArrayConstructor;

/**
 * A typed array of 32-bit float values. The contents are initialized to 0. If the requested number
 * of bytes could not be allocated an exception is raised.
 */
interface Float32Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Float32Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Float32Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Float32Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Float32Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Float32Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Float32ArrayConstructor {
    readonly prototype: Float32Array<ArrayBufferLike>;
    new (length: number): Float32Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Float32Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Float32Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Float32Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Float32Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Float32Array: Float32ArrayConstructor;

/**
 * A typed array of 64-bit float values. The contents are initialized to 0. If the requested
 * number of bytes could not be allocated an exception is raised.
 */
interface Float64Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
    /**
    * The ArrayBuffer instance referenced by the array.
    */
    readonly buffer: TArrayBuffer;
    /**
    * The length in bytes of the array.
    */
    readonly byteLength: number;
    /**
    * The offset in bytes of the array.
    */
    readonly byteOffset: number;
    /**
    * Determines whether all the members of an array satisfy the specified test.
    * @param predicate A function that accepts up to three arguments. The every method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value false, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    every(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Changes all array elements from `start` to `end` index to a static `value` and returns the modified array
    * @param value value to fill array section with
    * @param start index to start filling the array at. If start is negative, it is treated as
    * length+start where length is the length of the array.
    * @param end index to stop filling the array at. If end is negative, it is treated as
    * length+end.
    */
    fill(value: number, start?: number, end?: number): this;
    /**
    * Returns the elements of an array that meet the condition specified in a callback function.
    * @param predicate A function that accepts up to three arguments. The filter method calls
    * the predicate function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    filter(predicate: (value: number, index: number, array: this) => any, thisArg?: any): Float64Array<ArrayBuffer>;
    /**
    * Returns the value of the first element in the array where predicate is true, and undefined
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found, find
    * immediately returns that element value. Otherwise, find returns undefined.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    find(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number | undefined;
    /**
    * Returns the index of the first element in the array where predicate is true, and -1
    * otherwise.
    * @param predicate find calls predicate once for each element of the array, in ascending
    * order, until it finds one where predicate returns true. If such an element is found,
    * findIndex immediately returns that element index. Otherwise, findIndex returns -1.
    * @param thisArg If provided, it will be used as the this value for each invocation of
    * predicate. If it is not provided, undefined is used instead.
    */
    findIndex(predicate: (value: number, index: number, obj: this) => boolean, thisArg?: any): number;
    /**
    * Performs the specified action for each element in an array.
    * @param callbackfn A function that accepts up to three arguments. forEach calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    forEach(callbackfn: (value: number, index: number, array: this) => void, thisArg?: any): void;
    /**
    * Returns the index of the first occurrence of a value in an array.
    * @param searchElement The value to locate in the array.
    * @param fromIndex The array index at which to begin the search. If fromIndex is omitted, the
    * search starts at index 0.
    */
    indexOf(searchElement: number, fromIndex?: number): number;
    /**
    * Adds all the elements of an array separated by the specified separator string.
    * @param separator A string used to separate one element of an array from the next in the
    * resulting String. If omitted, the array elements are separated with a comma.
    */
    join(separator?: string): string;
    /**
    * The length of the array.
    */
    readonly length: number;
    /**
    * Calls a defined callback function on each element of an array, and returns an array that
    * contains the results.
    * @param callbackfn A function that accepts up to three arguments. The map method calls the
    * callbackfn function one time for each element in the array.
    * @param thisArg An object to which the this keyword can refer in the callbackfn function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    map(callbackfn: (value: number, index: number, array: this) => number, thisArg?: any): Float64Array<ArrayBuffer>;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number): number;
    reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: this) => number, initialValue: number): number;
    /**
    * Calls the specified callback function for all the elements in an array. The return value of
    * the callback function is the accumulated result, and is provided as an argument in the next
    * call to the callback function.
    * @param callbackfn A function that accepts up to four arguments. The reduce method calls the
    * callbackfn function one time for each element in the array.
    * @param initialValue If initialValue is specified, it is used as the initial value to start
    * the accumulation. The first call to the callbackfn function provides this value as an argument
    * instead of an array value.
    */
    reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: this) => U, initialValue: U): U;
    /**
    * Reverses the elements in an Array.
    */
    reverse(): this;
    /**
    * Sets a value or an array of values.
    * @param array A typed or untyped array of values to set.
    * @param offset The index in the current array at which the values are to be written.
    */
    set(array: ArrayLike<number>, offset?: number): void;
    /**
    * Returns a section of an array.
    * @param start The beginning of the specified portion of the array.
    * @param end The end of the specified portion of the array. This is exclusive of the element at the index 'end'.
    */
    slice(start?: number, end?: number): Float64Array<ArrayBuffer>;
    /**
    * Determines whether the specified callback function returns true for any element of an array.
    * @param predicate A function that accepts up to three arguments. The some method calls
    * the predicate function for each element in the array until the predicate returns a value
    * which is coercible to the Boolean value true, or until the end of the array.
    * @param thisArg An object to which the this keyword can refer in the predicate function.
    * If thisArg is omitted, undefined is used as the this value.
    */
    some(predicate: (value: number, index: number, array: this) => unknown, thisArg?: any): boolean;
    /**
    * Sorts an array.
    * @param compareFn Function used to determine the order of the elements. It is expected to return
    * a negative value if first argument is less than second argument, zero if they're equal and a positive
    * value otherwise. If omitted, the elements are sorted in ascending order.
    * ```ts
    * [11,2,22,1].sort((a, b) => a - b)
    * ```
    */
    sort(compareFn?: (a: number, b: number) => number): this;
    /**
    * Gets a new Float64Array view of the ArrayBuffer store for this array, referencing the elements
    * at begin, inclusive, up to end, exclusive.
    * @param begin The index of the beginning of the array.
    * @param end The index of the end of the array.
    */
    subarray(begin?: number, end?: number): Float64Array<TArrayBuffer>;
    /**
    * Returns a string representation of an array.
    */
    toString(): string;
    /** Returns the primitive value of the specified object. */
    valueOf(): this;
    [index: number]: number;
    /**
    * Determines whether an array includes a certain element, returning true or false as appropriate.
    * @param searchElement The element to search for.
    * @param fromIndex The position in this array at which to begin searching for searchElement.
    */
    includes(searchElement: number, fromIndex?: number): boolean;
}

interface Float64ArrayConstructor {
    readonly prototype: Float64Array<ArrayBufferLike>;
    new (length: number): Float64Array<ArrayBuffer>;
    new (array: ArrayLike<number>): Float64Array<ArrayBuffer>;
    new <TArrayBuffer extends ArrayBufferLike = ArrayBuffer>(buffer: TArrayBuffer, byteOffset?: number, length?: number): Float64Array<TArrayBuffer>;
    new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Float64Array<ArrayBuffer>;
    new (array: ArrayLike<number> | ArrayBuffer): Float64Array<ArrayBuffer>;
    /**
    * The size in bytes of each element in the array.
    */
    readonly BYTES_PER_ELEMENT: number;
}

declare var Float64Array: Float64ArrayConstructor;

interface String {

}

interface Number {

}

interface Date {

}

interface PromiseConstructor {
    /**
    * A reference to the prototype.
    */
    readonly prototype: Promise<any>;
    /**
    * Creates a new Promise.
    * @param executor A callback used to initialize the promise. This callback is passed two arguments:
    * a resolve callback used to resolve the promise with a value or the result of another promise,
    * and a reject callback used to reject the promise with a provided reason or error.
    */
    new <T>(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: any) => void) => void): Promise<T>;
    /**
    * Creates a Promise that is resolved with an array of results when all of the provided Promises
    * resolve, or rejected when any Promise is rejected.
    * @param values An array of Promises.
    * @returns A new Promise.
    */
    all<T extends readonly unknown[] | []>(values: T): Promise<{ -readonly [P in keyof T]: Awaited<T[P]>; }>;
    /**
    * Creates a new rejected promise for the provided reason.
    * @param reason The reason the promise was rejected.
    * @returns A new rejected Promise.
    */
    reject<T = never>(reason?: any): Promise<T>;
    /**
    * Creates a new resolved promise.
    * @returns A resolved promise.
    */
    resolve(): Promise<void>;
    /**
    * Creates a new resolved promise for the provided value.
    * @param value A promise.
    * @returns A promise whose internal state matches the provided promise.
    */
    resolve<T>(value: T): Promise<Awaited<T>>;
    /**
    * Creates a new resolved promise for the provided value.
    * @param value A promise.
    * @returns A promise whose internal state matches the provided promise.
    */
    resolve<T>(value: T | PromiseLike<T>): Promise<Awaited<T>>;
}

declare var Promise: PromiseConstructor;

// ---- Espruino ----

type ImageObject = {
  width: number;
  height: number;
  bpp?: number;
  buffer: ArrayBuffer | string;
  transparent?: number;
  palette?: Uint16Array;
};
type ColorResolvable = number | `#${string}`;
type FontName =
  | "4x4"
  | "4x4Numeric"
  | "4x5"
  | "4x5Numeric"
  | "4x8Numeric"
  | "5x7Numeric7Seg"
  | "5x9Numeric7Seg"
  | "6x8"
  | "6x12"
  | "7x11Numeric7Seg"
  | "8x12"
  | "8x16"
  | "Dennis8"
  | "Cherry6x10"
  | "Copasectic40x58Numeric"
  | "Dylex7x13"
  | "HaxorNarrow7x17"
  | "Sinclair"
  | "Teletext10x18Mode7"
  | "Teletext5x9Ascii"
  | "Teletext5x9Mode7"
  | "Vector";
type FontNameWithScaleFactor =
  | FontName
  | `${FontName}:${number}`
  | `${FontName}:${number}x${number}`;
type Theme = {
  fg: number;
  bg: number;
  fg2: number;
  bg2: number;
  fgH: number;
  bgH: number;
  fgW: number;
  bgW: number;
  dark: boolean;
};
type ErrorFlag =
  | "FIFO_FULL"
  | "BUFFER_FULL"
  | "CALLBACK"
  | "LOW_MEMORY"
  | "MEMORY"
  | "UART_OVERFLOW";
type Flag =
  | "deepSleep"
  | "pretokenise"
  | "unsafeFlash"
  | "unsyncFiles";
type Uint8ArrayResolvable =
  | number
  | string
  | Uint8ArrayResolvable[]
  | ArrayBuffer
  | ArrayBufferView
  | { data: Uint8ArrayResolvable, count: number }
  | { callback: () => Uint8ArrayResolvable }
type VariableSizeInformation = {
  name: string;
  size: number;
  more?: VariableSizeInformation;
};
type PowerUsage = {
    total: number,
    device: {
        CPU?: number,
        UART?: number,
        PWM?: number,
        LED1?: number,
        LED2?: number,
        LED3?: number,

        // bangle
        LCD?: number,
        LCD_backlight?: number,
        LCD_touch?: number,
        HRM?: number,
        GPS?: number,
        compass?: number,
        baro?: number,

        // nrf
        BLE_periph?: number,
        BLE_central?: number,
        BLE_advertise?: number,
        BLE_scan?: number,

        // pixljs
        //LCD?: number, // (see above)

        // puck
        mag?: number,
        accel?: number,

        // jolt
        driver0?: number,
        driver1?: number,
        pin0_internal_resistance?: number,
        pin2_internal_resistance?: number,
        pin4_internal_resistance?: number,
        pin6_internal_resistance?: number,
    },
};
type IntervalId = number & { _brand: "interval" };
type TimeoutId = number & { _brand: "timeout" };
type PinMode =
  | "analog"
  | "input"
  | "input_pullup"
  | "input_pulldown"
  | "output"
  | "opendrain"
  | "af_output"
  | "af_opendrain";
type PipeOptions = {
  chunkSize?: number,
  end?: boolean,
  complete?: () => void,
};
type NRFFilters = {
  services?: string[];
  name?: string;
  namePrefix?: string;
  id?: string;
  serviceData?: object;
  manufacturerData?: object;
};
type NRFSecurityStatus = {
  advertising: boolean,
  privacy?: ShortBoolean | {
    mode: "off"
  } | {
    mode: "device_privacy" | "network_privacy",
    addr_type: "random_private_resolvable" | "random_private_non_resolvable",
    addr_cycle_s: number,
  },
} & (
  {
    connected: true,
    encrypted: boolean,
    mitm_protected: boolean,
    bonded: boolean,
    connected_addr?: string,
  } | {
    connected: false,
    encrypted: false,
    mitm_protected: false,
    bonded: false,
  }
);
type AES_CCM_EncryptResult = {
  data: ArrayBuffer,
  tag: ArrayBuffer,
};

/** Espruino accepts 0/1 where it wants a boolean. */
type ShortBoolean = boolean | 0 | 1;
/** process.memory(): JsVar counts (src/jswrap_process.c). */
interface MemoryInfo { free: number; usage: number; total: number; history: number; gc: number; gctime: number; blocksize: number; stackEndAddress?: number; stackFree?: number; flash_start?: number; flash_binary_end?: number; flash_code_start?: number; flash_length?: number; [key: string]: any }
/** Espruino's require: a built-in library by name, or a module added with Modules.addCached / Storage. */
interface Libraries { "Flash": typeof import("Flash"); "Storage": typeof import("Storage"); "Wifi": typeof import("Wifi"); "crypto": typeof import("crypto"); "net": typeof import("net"); "tls": typeof import("tls"); }
/** Espruino's own module system (src/jswrap_modules.c), not Node's. */
declare var exports: any;
declare var module: { exports: any };
declare var __FILE__: string;
/** Pins of the ESP32 build (boards/ESP32.py: GPIO 0..39; LED1 is D2, BTN1 is D0). */
declare const D0: Pin;
declare const D1: Pin;
declare const D2: Pin;
declare const D3: Pin;
declare const D4: Pin;
declare const D5: Pin;
declare const D6: Pin;
declare const D7: Pin;
declare const D8: Pin;
declare const D9: Pin;
declare const D10: Pin;
declare const D11: Pin;
declare const D12: Pin;
declare const D13: Pin;
declare const D14: Pin;
declare const D15: Pin;
declare const D16: Pin;
declare const D17: Pin;
declare const D18: Pin;
declare const D19: Pin;
declare const D20: Pin;
declare const D21: Pin;
declare const D22: Pin;
declare const D23: Pin;
declare const D24: Pin;
declare const D25: Pin;
declare const D26: Pin;
declare const D27: Pin;
declare const D28: Pin;
declare const D29: Pin;
declare const D30: Pin;
declare const D31: Pin;
declare const D32: Pin;
declare const D33: Pin;
declare const D34: Pin;
declare const D35: Pin;
declare const D36: Pin;
declare const D37: Pin;
declare const D38: Pin;
declare const D39: Pin;

interface Date {
    /** This returns a boolean indicating whether daylight savings time is in effect. */
    getIsDST(): boolean
    /** Converts to a ISO 8601 String (with timezone information), e.g: `2014-06-20T14:52:20.123-0500` */
    toLocalISOString(): string;
}

interface Error {
    toString(): string;
}

interface SyntaxError {
    toString(): string;
}

interface TypeError {
    toString(): string;
}

interface ReferenceError {
    toString(): string;
}

interface Object {
    /** Find the length of the object */
    length: any;
    /** Copy this object to a new object, but as a shallow copy */
    clone(): any;
    /** Register an event listener for this object, for instance `Serial1.on('data', function(d) {...})`. */
    on(event: any, listener: any): void;
    /** Register an event listener for this object, for instance `Serial1.addListener('data', function(d) {...})`. */
    addListener(event: any, listener: any): void;
    /** Register an event listener for this object, for instance `Serial1.addListener('data', function(d) {...})`. */
    prependListener(event: any, listener: any): void;
    /** Call any event listeners that were added to this object with `Object.on`, for instance `obj.emit('data', 'Foo')`. */
    emit(event: any, ...args: any[]): void;
    /** Removes the specified event listener. */
    removeListener(event: any, listener: any): void;
    /** Removes all listeners (if `event===undefined`), or those of the specified event. */
    removeAllListeners(event?: any): void;
}

interface ObjectConstructor {
    /** Transforms an array of key-value pairs into an object */
    fromEntries(entries: any): any;
}

interface Function {
    /** This replaces the function with the one in the argument - while keeping the old function's scope */
    replaceWith(newFunc: any): void;
}

interface String {
    /** This is not a standard JavaScript function, but is provided to allow use of fonts that only support ASCII (char codes 0..127, like the 4x6 font) with character input that might be in the ISO8859-1 range. */
    removeAccents(): any;
}

interface Math {
    /** (Added in 2v25) Returns a random integer `X`, where `0 <= X < range`, or `-2147483648 <= X <= 2147483647` if `range <= 0` or `undefined` */
    randInt(range: number): number;
    /** DEPRECATED - Please use `E.clip()` instead */
    clip(x: number, min: number, max: number): number;
    /** DEPRECATED - This is not part of standard JavaScript libraries */
    wrap(x: number, max: number): number;
}

interface PromiseConstructor {
    /** Return a new promise that is resolved when all promises in the supplied array are resolved. */
    all(promises: Promise<any>[]): Promise<void>;
    /** Return a new promise that is already resolved (at idle it'll call `.then`) */
    resolve<T extends any>(promises?: T): Promise<T>;
    /** Return a new promise that is already rejected (at idle it'll call `.catch`) */
    reject(promises: any): any;
}

/** Espruino's own error type (src/jswrap_error.c). */
interface InternalError extends Error {}
declare var InternalError: { new (message?: string): InternalError; (message?: string): InternalError; readonly prototype: InternalError };

/** This is the built-in JavaScript class for Espruino utility functions. */
declare class E {
    /** This event is called right after the board starts up, and has a similar effect to creating a function called `onInit`. */
    on(event: "init", callback: () => void): void;
    /** This event is called just before the device shuts down for commands such as `reset()`, `load()`, `save()`, `E.reboot()` or `Bangle.off()` */
    on(event: "kill", callback: () => void): void;
    /** This event is called when an error is created by Espruino itself (rather than JS code) which changes the state of the error flags reported by `E.getErrorFlags()` */
    on(event: "errorFlag", callback: (errorFlags: ErrorFlag[]) => void): void;
    /** This event is called when a full touchscreen device on an Espruino is interacted with. */
    on(event: "touch", callback: (x: number, y: number, b: number) => void): void;
    /** [2v25+] Called when a packet of type `EVENT` is received via [Espruino's packet upload mechanism](https://github.com/espruino/Espruino/blob/master/README_Protocol.md) */
    on(event: "packet", callback: (event: any) => void): void;
    /** [2v29+] Called when a file is uploaded via [Espruino's packet upload mechanism](https://github.com/espruino/Espruino/blob/master/README_Protocol.md) */
    on(event: "packetUpload", callback: (event: any) => void): void;
    /** (2v28+) A reference to the "hidden root" that contains internal Espruino JavaScript variables such as lists of timers and watches. */
    static internal: any;
    /** Use the microcontroller's internal thermistor to work out the temperature. */
    static getTemperature(): number;
    /** Check the internal voltage reference */
    static getAnalogVRef(): number;
    /** ADVANCED: It's very easy to crash Espruino using this function if you get the code/arguments you supply wrong! */
    static nativeCall(addr: number, sig: string, data?: string): any;
    /** Clip a number to be between min and max (inclusive) */
    static clip(x: number, min: number, max: number): number;
    /** Sum the contents of the given Array, String or ArrayBuffer and return the result */
    static sum(arr: string | number[] | ArrayBuffer): number;
    /** Work out the variance of the contents of the given Array, String or ArrayBuffer and return the result */
    static variance(arr: string | number[] | ArrayBuffer, mean: number): number;
    /** Convolve arr1 with arr2 */
    static convolve(arr1: string | number[] | ArrayBuffer, arr2: string | number[] | ArrayBuffer, offset: number): number;
    /** Performs a Fast Fourier Transform (FFT) in 32 bit floats on the supplied data and writes it back into the original arrays */
    static FFT(arrReal: string | number[] | ArrayBuffer, arrImage?: string | number[] | ArrayBuffer, inverse?: boolean): any;
    /** Enable the watchdog timer */
    static enableWatchdog(timeout: number, isAuto?: boolean): void;
    /** Kicks a Watchdog timer set up with `E.enableWatchdog(..., false)` */
    static kickWatchdog(): void;
    /** Get and reset the error flags */
    static getErrorFlags(): ErrorFlag[]
    /** Get Espruino's interpreter flags that control the way it handles your JavaScript code. */
    static getFlags(): { [key in Flag]: boolean }
    /** Set the Espruino interpreter flags that control the way it handles your JavaScript code. */
    static setFlags(flags: { [key in Flag]?: boolean }): void
    /** Pipe one stream to another. */
    static pipe(source: any, destination: any, options?: PipeOptions): void
    /** Create an ArrayBuffer from the given string */
    static toArrayBuffer(str: string): ArrayBuffer;
    /** Returns a `String` representing the data in the arguments. */
    static toString(...args: any[]): string;
    /** Returns a Flat `String` representing the data in the arguments, or `undefined` if one can't be allocated. */
    static toFlatString(...args: any[]): string | undefined;
    /** By default, strings in Espruino are standard 8 bit binary strings unless they contain Unicode chars or a `\u####` escape code that doesn't map to the range 0..255. */
    static asUTF8(str: any): string;
    /** Given a UTF8 String (see `E.asUTF8`) this returns the underlying representation of that String. */
    static fromUTF8(str: any): string;
    /** By default, strings in Espruino are standard 8 bit binary strings unless they contain Unicode chars or a `\u####` escape code that doesn't map to the range 0..255. */
    static isUTF8(str: any): boolean;
    /** This creates a `Uint8Array` from the given arguments */
    static toUint8Array(...args: Uint8ArrayResolvable[]): Uint8Array;
    /** This performs the same basic function as `JSON.stringify`, however `JSON.stringify` adds extra characters to conform to the JSON spec which aren't required if outputting JS. */
    static toJS(arg: any): string;
    /** This creates and returns a special type of string, which references a specific address in memory */
    static memoryArea(addr: number, len: number): string;
    /** This writes JavaScript code into Espruino's flash memory (`Storage`), to be executed on startup */
    static setBootCode(code: string, alwaysExec?: boolean): void;
    /** This sets the clock frequency of Espruino's processor */
    static setClock(options: number | { M: number, N: number, P: number, Q: number, latency?: number, PCLK?: number, PCLK2?: number }): number;
    /** On boards other than STM32 this currently just returns `undefined` */
    static getClock(): any;
    /** Returns the current console device - see `E.setConsole` for more information. */
    static getConsole(): string | null
    /** Reverse the 8 bits in a byte, swapping MSB and LSB. */
    static reverseByte(x: number): number;
    /** Dump any locked variables that aren't referenced from `global` - for debugging memory leaks only. */
    static dumpLockedVars(): void;
    /** Dump any locked variables that aren't referenced from `global` - for debugging memory leaks only. */
    static dumpFreeList(): void;
    /** Show fragmentation */
    static dumpFragmentation(): void;
    /** Dumps a comma-separated list of all allocated variables along with the variables they link to */
    static dumpVariables(): void;
    /** This defragment's Espruino's memory. */
    static defrag(): void;
    /** Return the number of variable blocks used by the supplied variable */
    static getSizeOf(v: any, depth?: 0): number;
    static getSizeOf(v: any, depth: number): VariableSizeInformation;
    /** Return the address in memory of the given variable */
    static getAddressOf(v: any, flatAddress?: ShortBoolean): number;
    /** Take each element of the `from` array, look it up in `map` (or call `map(value,index)` if it is a function), and write it into the corresponding element in the `to` array. */
    static mapInPlace(from: ArrayBuffer, to: ArrayBuffer, map?: number[] | ((value: number, index: number) => number) | undefined, bits?: number): void;
    /** Search in an Object, Array, or Function */
    static lookupNoCase(haystack: any[] | object | Function, needle: string, returnKey?: false): any;
    static lookupNoCase<T>(haystack: any[] | object | Function, needle: T, returnKey: true): T | undefined;
    /** Get the current interpreter state in a text form such that it can be copied to a new device */
    static dumpStr(): string;
    /** Set the seed for the random number generator used by `Math.random()`. */
    static srand(v: number): void;
    /** Unlike 'Math.random()' which uses a pseudo-random number generator, this method reads from the internal voltage reference several times, XOR-ing and rotating to try and make a relatively random value from the noise in the signal. */
    static hwRand(): number;
    /** Perform a standard 32 bit CRC (Cyclic redundancy check) on the supplied data (one byte at a time) and return the result as an unsigned integer. */
    static CRC32(data: string | ArrayBuffer | ArrayBufferView | number[]): number;
    /** Convert hue, saturation and brightness to red, green and blue (packed into an integer if `asArray==false` or an array if `asArray==true`). */
    static HSBtoRGB(hue: number, sat: number, bri: number, format?: false): number;
    static HSBtoRGB(hue: number, sat: number, bri: number, format: 16): number;
    static HSBtoRGB(hue: number, sat: number, bri: number, format: 24): number;
    static HSBtoRGB(hue: number, sat: number, bri: number, format: true): [number, number, number];
    /** Set a password on the console (REPL) */
    static setPassword(password: string): void;
    /** If a password has been set with `E.setPassword()`, this will lock the console so the password needs to be entered to unlock it. */
    static lockConsole(): void;
    /** Set the time zone to be used with `Date` objects. */
    static setTimeZone(zone: number): void;
    /** Set the daylight savings time parameters to be used with `Date` objects. */
    static setDST(dstOffset: number, timezone: number, startDowNumber: number, startDow: number, startMonth: number, startDayOffset: number, startTimeOfDay: number, endDowNumber: number, endDow: number, endMonth: number, endDayOffset: number, endTimeOfDay: number): void
    /** Create an object where every field accesses a specific 32 bit address in the microcontroller's memory */
    static memoryMap<T extends string>(baseAddress: number, registers: { [key in T]: number }): { [key in T]: number };
    /** Provide assembly to Espruino. */
    static asm(callspec: string, ...assemblycode: string[]): any;
    /** Provides the ability to write C code inside your JavaScript file. */
    static compiledC(code: string): any;
    /** Forces a hard reboot of the microcontroller - as close as possible to if the reset pin had been toggled. */
    static reboot(): void;
    /** This function returns an object detailing the current **estimated** power usage of the Espruino device in microamps (uA) */
    static getPowerUsage(): PowerUsage;
    /** Decode a UTF8 string. */
    static decodeUTF8(str: string, lookup: string[], replaceFn: string | ((charCode: number) => string)): string;
    /** When using events with `X.on('foo', function() { .. */
    static stopEventPropagation(): void;
    /** Setup the filesystem so that subsequent calls to `E.openFile` and `require('fs').*` will use an SD card on the supplied SPI device and pin. */
    static connectSDCard(spi: any, csPin: Pin): void;
    /** Unmount the SD card, so it can be removed */
    static unmountSD(): void;
}

/** Class containing utility functions for the [ESP32](http://www.espruino.com/ESP32) */
declare class ESP32 {
    static setAtten(pin: Pin, atten: number): void;
    /** Perform a hardware reset/reboot of the ESP32. */
    static reboot(): void;
    /** Put device in deepsleep state for "us" microseconds. */
    static deepSleep(us: number): void;
    /** Put device in deepsleep state until interrupted by pin "pin". On ESP32-C3, valid wakeup pins are GPIO 0–5 (e.g */
    static deepSleepExt0(pin: Pin, level: number): void;
    /** Put device in deepsleep state until interrupted by pins in the "pinVar" array. The trigger "mode" determines the pin state which will wake up the device. Valid modes are: */
    static deepSleepExt1(pinVar: any, mode: number): void;
    /** Returns a variable identifying the cause of wakeup from deep sleep. Possible causes include: */
    static getWakeupCause(): number;
    /** Returns the pin responsible for the wakeup, or `undefined` if none. */
    static getWakeupPin(): Pin;
    /** Enter light sleep for approximately `ms` milliseconds, then resume execution here */
    static lightSleep(ms: number): void;
    /** Returns an object that contains details about the state of the ESP32 with the following fields: */
    static getState(): any;
    static setBLE_Debug(level: number): void;
    /** Switches Bluetooth off/on, removes saved code from Flash, resets the board, and on restart creates jsVars depending on available heap (actual additional 1800) */
    static enableBLE(enable: ShortBoolean): void;
    /** Switches Wifi off/on, removes saved code from Flash, resets the board, and on restart creates jsVars depending on available heap (actual additional 3900) */
    static enableWifi(enable: ShortBoolean): void;
    /** This function is useful for ESP32 [OTA Updates](https://docs.espressif.com/projects/esp-idf/en/latest/esp32/api-reference/system/ota.html) */
    static setOTAValid(isValid: ShortBoolean): void;
}

/** This module allows you to read and write the nonvolatile flash memory of your device. */
declare module "Flash" {
    /** Returns the start and length of the flash page containing the given address. */
    function getPage(addr: number): any;
    /** This method returns an array of objects of the form `{addr : #, length : #}`, representing contiguous areas of flash memory in the chip that are not used for anything. */
    function getFree(): any;
    /** Erase a page of flash memory */
    function erasePage(addr: any): void;
    /** Write data into memory at the given address */
    function write(data: any, addr: number): void;
    /** Read flash memory from the given address */
    function read(length: number, addr: number): any;
}

/** This class allows use of the built-in I2C ports */
declare class I2C {
    /** Create a software I2C port */
    constructor();
    /** **DEPRECATED** - this will be removed in subsequent versions of Espruino */
    static find(pin: Pin): any;
    /** Set up this I2C port */
    setup(options?: { scl?: Pin; sda?: Pin; bitrate?: number }): void;
    /** Transmit to the slave device with the given address */
    writeTo(address: number | { address: number; stop?: boolean }, ...data: (number | string | number[] | ArrayBuffer | ArrayBufferView)[]): void;
    /** Request bytes from the given slave device, and return them as a `Uint8Array` (packed array of bytes) */
    readFrom(address: number | { address: number; stop?: boolean }, quantity: number): Uint8Array;
    /** Request bytes from a register on the given I2C slave device, and return them as a `Uint8Array` (packed array of bytes). */
    readReg(address: number, reg: number, quantity: number): Uint8Array;
}

/** Built-in class that caches the modules used by the `require` command */
declare class Modules {
    /** Return an array of module names that have been cached */
    static getCached(): any;
    /** Remove the given module from the list of cached modules */
    static removeCached(id: any): void;
    /** Remove all cached modules */
    static removeAllCached(): void;
    /** Add the given module to the cache */
    static addCached(id: any, sourcecode: any): void;
}

/** This is the built-in class for Pins, such as D0,D1,LED1, or BTN */
declare class Pin {
    /** Returns the input state of the pin as a boolean. */
    read(): boolean;
    /** Sets the output state of the pin to a 1 */
    set(): void;
    /** Creates a pin from the given argument (or returns undefined if no argument) */
    constructor(value: any);
    /** Sets the output state of the pin to a 0 */
    reset(): void;
    /** Sets the output state of the pin to the parameter given */
    write(value: ShortBoolean): void;
    /** Return the current mode of the given pin */
    getMode(): any;
    /** Set the mode of the given pin */
    mode(mode: any): void;
    /** Toggles the state of the pin from off to on, or from on to off. */
    toggle(): boolean;
    /** (Added in 2v20) Pulse the pin with the value for the given time in milliseconds. */
    pulse(value: ShortBoolean, time: any): void;
    /** (Added in 2v20) Get the analogue value of the given pin */
    analog(): number;
    /** (Added in 2v20) Set the analog Value of a pin */
    pwm(value: number, options: any): void;
    /** Get information about this pin and its capabilities */
    getInfo(): any;
}

/** This class allows use of the built-in SPI ports */
declare class SPI {
    /** Create a software SPI port */
    constructor();
    /** **DEPRECATED** - this will be removed in subsequent versions of Espruino */
    static find(pin: Pin): any;
    /** Set up this SPI port as an SPI Master. */
    setup(options: any): void;
    /** Send data down SPI, and return the result */
    send(data: any, nss_pin?: Pin): any;
    /** Write a character or array of characters to SPI - without reading the result back. */
    write(...data: any[]): void;
    /** Send data down SPI, using 4 bits for each 'real' bit (MSB first) */
    send4bit(data: any, bit0: number, bit1: number, nss_pin?: Pin): void;
    /** Send data down SPI, using 8 bits for each 'real' bit (MSB first) */
    send8bit(data: any, bit0: number, bit1: number, nss_pin?: Pin): void;
}

/** This class allows use of the built-in USARTs */
declare class Serial {
    /** Create a software Serial port */
    constructor();
    /** The `data` event is called when data is received */
    on(event: "data", callback: (data: any) => void): void;
    /** The `framing` event is called when there was activity on the input to the UART but the `STOP` bit wasn't in the correct place */
    on(event: "framing", callback: () => void): void;
    /** The `parity` event is called when the UART was configured with a parity bit, and this doesn't match the bits that have actually been received. */
    on(event: "parity", callback: () => void): void;
    /** **DEPRECATED** - this will be removed in subsequent versions of Espruino */
    static find(pin: Pin): any;
    /** Set this Serial port as the port for the JavaScript console (REPL). */
    setConsole(force: ShortBoolean): void;
    /** Setup this Serial port with the given baud rate and options. */
    setup(baudrate?: any, options?: any): void;
    /** If the serial (or software serial) device was set up, uninitialise it. */
    unsetup(): void;
    /** Print a string to the serial port - without a line feed */
    print(string: any): void;
    /** Print a line to the serial port with a newline (`\r\n`) at the end of it. */
    println(string: any): void;
    /** Write a character or array of data to the serial port */
    write(...data: any[]): void;
    /** Add data to this device as if it came directly from the input - it will be returned via `serial.on('data', ...)`; */
    inject(...data: any[]): void;
    /** Return how many bytes are available to read */
    available(): number;
    /** Return a string containing characters that have been received */
    read(chars?: number): any;
    /** Pipe this USART to a stream (an object with a 'write' method) */
    pipe(destination: any, options?: PipeOptions): void
    /** Flush this serial stream (pause execution until all data has been sent) */
    flush(): void;
    /** (Added 2v25) Is the given Serial device connected? */
    isConnected(): boolean;
}

/** The socket server created by `require('net').createServer` */
declare class Server {
    /** Start listening for new connections on the given port */
    listen(port: number): any;
    /** Stop listening for new connections */
    close(): void;
}

/** An actual socket connection - allowing transmit/receive of TCP data */
declare class Socket {
    /** The 'data' event is called when data is received */
    on(event: "data", callback: (data: any) => void): void;
    /** Called when the connection closes. */
    on(event: "close", callback: (had_error: any) => void): void;
    /** There was an error on this socket and it is closing (or wasn't opened in the first place) */
    on(event: "error", callback: (details: any) => void): void;
    /** Return how many bytes are available to read */
    available(): number;
    /** Return a string containing characters that have been received */
    read(chars?: number): any;
    /** Pipe this to a stream (an object with a 'write' method) */
    pipe(destination: any, options?: PipeOptions): void
    /** An event that is fired when the buffer is empty and it can accept more data to send. */
    on(event: "drain", callback: () => void): void;
    /** This function writes the `data` argument as a string */
    write(data: string): void;
    /** Close this socket - optional data to append as an argument. */
    end(data?: string): void;
}

/** This module allows you to read and write part of the nonvolatile flash memory of your device using a filesystem-like API. */
declare module "Storage" {
    /** Erase the flash storage area */
    function eraseAll(): void;
    /** Erase a single file from the flash storage area. */
    function erase(name: string): void;
    /** Read a file from the flash storage area that has been written with `require("Storage").write(...)`. */
    function read(name: string, offset?: number, length?: number): string | undefined;
    /** Read a file from the flash storage area that has been written with `require("Storage").write(...)`, and parse JSON in it into a JavaScript object. */
    function readJSON(name: string, noExceptions?: false | 0): unknown;
    function readJSON(name: string, noExceptions?: ShortBoolean): unknown | undefined;
    /** Read a file from the flash storage area that has been written with `require("Storage").write(...)`, and return the raw binary data as an ArrayBuffer. */
    function readArrayBuffer(name: string): ArrayBuffer | undefined;
    /** Write/create a file in the flash storage area */
    function write(name: string | ArrayBuffer | ArrayBufferView | number[] | object, data: any, offset?: number, size?: number): boolean;
    /** Write/create a file in the flash storage area */
    function writeJSON(name: string, data: any): boolean;
    /** List all files in the flash storage area */
    function list(regex?: RegExp, filter?: { sf: boolean }): string[];
    /** List all files in the flash storage area matching the specified regex (ignores StorageFiles), and then hash their filenames *and* file locations. */
    function hash(regex: RegExp): number;
    /** The Flash Storage system is journaling */
    function compact(showMessage?: ShortBoolean): void;
    /** Return the amount of free bytes available in Storage */
    function getFree(checkInternalFlash?: ShortBoolean): number;
    /** Returns: */
    function getStats(checkInternalFlash?: any): any;
    /** Writes a lookup table for files into Bangle.js's storage */
    function optimise(): void;
    /** Open a file in the Storage area */
    function open(name: string, mode: "r" | "w" | "a"): StorageFile;
}

/** These objects are created from `require("Storage").open` and allow Storage items to be read/written. */
declare class StorageFile {
    /** Read 'len' bytes of data from the file, and return a String containing those bytes. */
    read(len: number): string;
    /** Read a line of data from the file (up to and including `"\n"`) */
    readLine(): string;
    /** Return the length of the current file. */
    getLength(): number;
    /** Append the given data to a file */
    write(data: string): void;
    /** Erase this `StorageFile` - after being called this file can no longer be written to. */
    erase(): void;
    /** Pipe this file to a stream (an object with a 'write' method) */
    pipe(destination: any, options?: PipeOptions): void
}

/** The Wifi library is designed to control the Wifi interface */
declare module "Wifi" {
    /** The 'associated' event is called when an association with an access point has succeeded, i.e., a connection to the AP's network has been established. */
    function on(event: "associated", callback: (details: any) => void): void;
    /** The 'disconnected' event is called when an association with an access point has been lost. */
    function on(event: "disconnected", callback: (details: any) => void): void;
    /** The 'auth_change' event is called when the authentication mode with the associated access point changes */
    function on(event: "auth_change", callback: (details: any) => void): void;
    /** The 'dhcp_timeout' event is called when a DHCP request to the connected access point fails and thus no IP address could be acquired (or renewed). */
    function on(event: "dhcp_timeout", callback: () => void): void;
    /** The 'connected' event is called when the connection with an access point is ready for traffic */
    function on(event: "connected", callback: (details: any) => void): void;
    /** The 'sta_joined' event is called when a station establishes an association (i.e. connects) with the esp8266's access point */
    function on(event: "sta_joined", callback: (details: any) => void): void;
    /** The 'sta_left' event is called when a station disconnects from the esp8266's access point (or its association times out?) */
    function on(event: "sta_left", callback: (details: any) => void): void;
    /** The 'probe_recv' event is called when a probe request is received from some station by the esp8266's access point */
    function on(event: "probe_recv", callback: (details: any) => void): void;
    /** Disconnect the wifi station from an access point and disable the station mode. It is OK to call `disconnect` to turn off station mode even if no connection exists (for example, connection attempts may be failing) */
    function disconnect(callback?: () => void): void;
    /** Stop being an access point and disable the AP operation mode */
    function stopAP(callback?: any): void;
    /** Connect to an access point as a station */
    function connect(ssid: string, options?: { password?: string; dnsServers?: string[]; channel?: number; bssid?: string }, callback?: (err: string | null) => void): void;
    /** Perform a scan for access points */
    function scan(callback?: any): void;
    /** Create a WiFi access point allowing stations to connect */
    function startAP(ssid: string, options?: { password?: string, authMode?: "open" | "wpa2" | "wpa" | "wpa_wpa2", channel?: number, hidden?: boolean }, callback?: (err: string | null) => void): void;
    /** Retrieve the current overall WiFi configuration */
    function getStatus(callback?: (status: any) => void): { station: string; ssid?: string; rssi?: number; [key: string]: any };
    /** Sets a number of global wifi configuration settings */
    function setConfig(settings: any): void;
    /** Retrieve the wifi station configuration and status details */
    function getDetails(callback?: any): any;
    /** Retrieve the current access point configuration and status */
    function getAPDetails(callback?: any): any;
    /** On boards where this is not available, just issue the `connect` commands you need to run at startup from an `onInit` function. */
    function save(what?: any): void;
    /** Restores the saved Wifi configuration from flash */
    function restore(): void;
    /** Return the station IP information in an object as follows: */
    function getIP(callback?: (err: string | null, ipinfo: { ip: string; netmask: string; gw: string; mac: string }) => void): { ip: string; netmask: string; gw: string; mac: string };
    /** Return the access point IP information in an object which contains: */
    function getAPIP(callback?: any): any;
    /** Lookup the hostname and invoke a callback with the IP address as integer argument */
    function getHostByName(hostname: any, callback: any): void;
    /** Returns the hostname announced to the DHCP server and broadcast via mDNS when connecting to an access point. */
    function getHostname(callback?: any): any;
    /** Set the hostname */
    function setHostname(hostname: string, callback?: () => void): void;
    /** Starts the SNTP (Simple Network Time Protocol) service to keep the clock synchronized with the specified server */
    function setSNTP(server: any, tz_offset: any): void;
    /** The `settings` object must contain the following properties. */
    function setIP(settings: any, callback: any): void;
    /** The `settings` object must contain the following properties. */
    function setAPIP(settings: any, callback: any): void;
    /** Issues a ping to the given host, and calls a callback with the time when the ping is received. */
    function ping(hostname: any, callback: any): void;
}

/** An Object that contains functions for writing to the interactive console */
declare class console {
    /** Print the supplied string(s) to the console */
    static log(...text: any[]): void;
    /** Implemented in Espruino as an alias of `console.log` */
    static debug(...text: any[]): void;
    /** Implemented in Espruino as an alias of `console.log` */
    static info(...text: any[]): void;
    /** Implemented in Espruino as an alias of `console.log` */
    static warn(...text: any[]): void;
    /** Implemented in Espruino as an alias of `console.log` */
    static error(...text: any[]): void;
    static trace(...text: any[]): void;
}

/** Cryptographic functions */
declare module "crypto" {
    /** Performs a SHA1 hash and returns the result as a 20 byte ArrayBuffer. */
    function SHA1(message: any): ArrayBuffer;
    /** Performs a SHA224 hash and returns the result as a 28 byte ArrayBuffer */
    function SHA224(message: any): ArrayBuffer;
    /** Performs a SHA256 hash and returns the result as a 32 byte ArrayBuffer */
    function SHA256(message: any): ArrayBuffer;
    /** Performs a SHA384 hash and returns the result as a 48 byte ArrayBuffer */
    function SHA384(message: any): ArrayBuffer;
    /** Performs a SHA512 hash and returns the result as a 64 byte ArrayBuffer */
    function SHA512(message: any): ArrayBuffer;
    /** Password-Based Key Derivation Function 2 algorithm, using SHA512 */
    function PBKDF2(passphrase: any, salt: any, options: any): ArrayBuffer;
}

/** This library allows you to create TCPIP servers and clients */
declare module "net" {
    /** Create a Server */
    function createServer(callback: (socket: Socket) => void): Server;
    /** Create a TCP socket connection */
    function connect(options: { host: string; port: number }, callback?: (socket: Socket) => void): Socket;
}

/** This class contains information about Espruino itself */
declare class process {
    /** This event is called when an exception gets thrown and isn't caught (e.g */
    on(event: "uncaughtException", callback: (exception: any) => void): void;
    /** Returns the version of Espruino as a String */
    static version: string;
    /** Returns an Object containing various pre-defined variables. */
    static env: { VERSION: string; BOARD: string; [key: string]: any };
    /** Run a Garbage Collection pass, and return an object containing information on memory usage. */
    static memory(gc?: boolean): MemoryInfo;
}

/** This library allows you to create TCPIP servers and clients using TLS encryption */
declare module "tls" {
    /** Create a socket connection using TLS */
    function connect(options: { host: string; port: number; ca?: string; cert?: string; key?: string }, callback?: (socket: Socket) => void): Socket;
}

/** Encode the supplied string (or array) into a base64 string */
declare function btoa(binaryData: any): any;
/** Decode the supplied base64 string into a normal string */
declare function atob(base64Data: any): any;
/** Output debugging information */
declare function trace(root?: any): void;
/** Print the supplied string(s) to the console */
declare function print(...text: any[]): void;
/** **DEPRECATED** - this will be removed in subsequent versions of Espruino */
declare const HIGH: true;
/** **DEPRECATED** - this will be removed in subsequent versions of Espruino */
declare const LOW: false;
/** Load the given module, and return the exported functions and variables. */
declare function require<T extends keyof Libraries>(moduleName: T): Libraries[T];
declare function require<T extends Exclude<string, keyof Libraries>>(moduleName: T): any;
/** When Espruino is busy, set the pin specified here high */
declare function setBusyIndicator(pin: Pin): void;
/** When Espruino is asleep, set the pin specified here low (when it's awake, set it high) */
declare function setSleepIndicator(pin: Pin): void;
/** Output current interpreter state in a text form such that it can be copied to a new device */
declare function dump(): void;
/** Restart and load the program out of flash - this has an effect similar to completely rebooting Espruino (power off/power on), but without actually performing a full reset of the hardware. */
declare function load(filename?: any): void;
/** Save the current state of the interpreter to flash (including the results of calling `setWatch`, `setInterval`, `pinMode`, and any listeners) */
declare function save(): void;
/** Reset the interpreter - clear program memory in RAM, and do not load a saved program from flash */
declare function reset(clearFlash?: ShortBoolean | "flash"): void;
/** Fill the console with the contents of the given function, so you can edit it. */
declare function edit(funcName: any): void;
/** Should Espruino echo what you type back to you? true = yes (Default), false = no */
declare function echo(echoOn: ShortBoolean): void;
/** Return the current system time in Seconds (as a floating point number) */
declare function getTime(): number;
/** Set the current system time in seconds (`time` can be a floating point value). */
declare function setTime(time: number): void;
/** Get the serial number of this board */
declare function getSerial(): any;
/** Call the function (or evaluate the string) specified REPEATEDLY after the timeout in milliseconds. */
declare function setInterval(func: string | Function, timeout: number, ...args: any[]): IntervalId;
/** Call the function (or evaluate the string) specified ONCE after the timeout in milliseconds. */
declare function setTimeout(func: string | Function, timeout: number, ...args: any[]): TimeoutId;
/** Clear the Interval that was created with `setInterval`, for example: */
declare function clearInterval(id: IntervalId): void;
/** Clear the Timeout that was created with `setTimeout`, for example: */
declare function clearTimeout(id: TimeoutId): void;
/** Change the Interval on a callback created with `setInterval`, for example: */
declare function changeInterval(id: IntervalId, time: number): void;
/** Read 8 bits of memory at the given location - DANGEROUS! */
declare function peek8(addr: number, count?: 1): number;
declare function peek8(addr: number, count: number): Uint8Array;
/** Write 8 bits of memory at the given location - VERY DANGEROUS! */
declare function poke8(addr: number, value: number | number[]): void;
/** Read 16 bits of memory at the given location - DANGEROUS! */
declare function peek16(addr: number, count?: 1): number;
declare function peek16(addr: number, count: number): Uint8Array;
/** Write 16 bits of memory at the given location - VERY DANGEROUS! */
declare function poke16(addr: number, value: number | number[]): void;
/** Read 32 bits of memory at the given location - DANGEROUS! */
declare function peek32(addr: number, count?: 1): number;
declare function peek32(addr: number, count: number): Uint8Array;
/** Write 32 bits of memory at the given location - VERY DANGEROUS! */
declare function poke32(addr: number, value: number | number[]): void;
/** Get the analogue value of the given pin. */
declare function analogRead(pin: Pin): number;
/** Set the analog Value of a pin */
declare function analogWrite(pin: Pin, value: number, options?: { freq?: number, soft?: boolean, forceSoft?: boolean }): void;
/** Pulse the pin with the value for the given time in milliseconds */
declare function digitalPulse(pin: Pin, value: boolean, time: number | number[]): void;
/** Set the digital value of the given pin. */
declare function digitalWrite(pin: Pin | Pin[], value: boolean | number): void;
/** Get the digital value of the given pin. */
declare function digitalRead(pin: Pin): number;
/** Set the mode of the given pin. */
declare function pinMode(pin: Pin, mode?: PinMode | "auto", automatic?: boolean): void;
/** Return the current mode of the given pin */
declare function getPinMode(pin: Pin): PinMode;
/** Shift an array of data out using the pins supplied *least significant bit first*, for example: */
declare function shiftOut(pins: Pin | Pin[], options: { clk?: Pin, clkPol?: boolean, repeat?: number }, data: Uint8ArrayResolvable): void;
/** Call the function specified when the pin changes */
declare function setWatch(func: ((arg: { state: boolean, time: number, lastTime: number }) => void) | string, pin: Pin, options?: boolean | { repeat?: boolean, edge?: "rising" | "falling" | "both", debounce?: number, irq?: boolean, data?: Pin, hispeed?: boolean }): number;
/** Clear the Watch that was created with setWatch */
declare function clearWatch(id: number): void;
declare function clearWatch(): void;
/** The first Serial (USART) port */
declare const Serial1: Serial;
/** The second Serial (USART) port */
declare const Serial2: Serial;
/** The third Serial (USART) port */
declare const Serial3: Serial;
/** The first SPI port */
declare const SPI1: SPI;
/** The second SPI port */
declare const SPI2: SPI;
/** The first I2C port */
declare const I2C1: I2C;
/** The second I2C port */
declare const I2C2: I2C;
declare const LED1: Pin;
declare const BTN1: Pin;
declare const LED: Pin;
declare const BTN: Pin;
/** The global object (globalThis is TypeScript's own). */
declare var global: any;
