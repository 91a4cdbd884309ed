package org.pyrolab.pyro5.serial;

/**
 * A Python {@code complex}. Serpent writes it as {@code (1.0-2.0j)}; json cannot carry it.
 * Ordered by real part, then imaginary part (which also keeps hash maps with many colliding
 * complex keys fast).
 */
public record Complex(double real, double imag) implements Comparable<Complex> {

    @Override
    public int compareTo(Complex o) {
        int c = Double.compare(real, o.real);
        return c != 0 ? c : Double.compare(imag, o.imag);
    }

    /** The serpent form, for example {@code (1.0-2.0j)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        SerpentWriter.appendComplex(b, this);
        return b.toString();
    }
}
