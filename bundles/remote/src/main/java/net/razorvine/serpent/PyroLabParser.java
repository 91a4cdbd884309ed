package net.razorvine.serpent;

import net.razorvine.serpent.ast.ComplexNumberNode;
import net.razorvine.serpent.ast.INode;

/**
 * serpent 1.40's parser with its complex-number guess switched off. At every '(' it takes the
 * text up to the first ')' for a complex literal when that text ends in 'j', which breaks valid
 * tuples such as {@code ({'a':-2.0},'x+j)')} and nested complex numbers. PyroLab rewrites every
 * complex literal into a dict before parsing (org.pyrolab.remote.serial.SerpentEscapes), so the
 * guess is never needed. This class lives in serpent's package only because those methods are
 * package-private; the package is embedded privately in the PyroLab remote bundle, so both share
 * one class loader.
 */
public class PyroLabParser extends Parser {

    @Override
    INode parseCompound(SeekableStringReader sr) {
        sr.skipWhitespace();
        return sr.peek() == '(' ? parseTuple(sr) : super.parseCompound(sr);
    }

    @Override
    ComplexNumberNode parseComplex(SeekableStringReader sr) {
        throw new ParseException("complex literals are rewritten before parsing");
    }
}
