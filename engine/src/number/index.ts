export { Dec, Ratio, isDec, isNum, scaleOf, toDec, fromDec, parseNumericText, parseDecimalLiteral, type Num } from './num';
export { add, sub, mul, div, neg, cmp, abs, pow, sqrt, sign, isZero, isInteger, toJsNumber, DIV_BY_ZERO, NOT_A_NUMBER, type ArithFault } from './arith';
export { round, floorInt, trunc, toSignificant, type RoundMode } from './round';
export { toGeneralText, toExactText, formatFixed } from './format';
export { ExactSum } from './accumulator';
