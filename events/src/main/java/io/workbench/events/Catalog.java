package io.workbench.events;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What the simulated shop sells and who shops there: product categories with their price ranges, products
 * whose popularity follows a Zipf law (a few best sellers, a long tail), countries and devices with realistic
 * shares. Immutable; built from a seed so that every run with that seed sees the same shop.
 */
final class Catalog {
    static final String[] CATEGORIES = {"electronics", "books", "clothing", "home", "sports", "beauty", "toys", "grocery"};
    private static final double[][] PRICE_RANGE = {{40, 1500}, {5, 60}, {10, 180}, {15, 450}, {10, 350}, {5, 90},
            {5, 120}, {1, 40}};
    private static final double[] CATEGORY_WEIGHT = {0.18, 0.14, 0.2, 0.12, 0.1, 0.1, 0.08, 0.08};
    static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "IN", "BR", "JP", "CA", "ES", "IT", "NL", "AU", "PL", "SE", "MX"};
    private static final double[] COUNTRY_WEIGHT = {0.26, 0.1, 0.09, 0.07, 0.09, 0.06, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03,
            0.03, 0.02, 0.03};
    static final String[] SEARCHES = {"headphones", "running shoes", "coffee maker", "usb-c cable", "novel", "t-shirt",
            "yoga mat", "lego", "face cream", "laptop", "desk lamp", "backpack", "board game", "olive oil", "jacket"};

    final String[] productId;
    final int[] productCategory;
    final double[] productPrice;
    private final double[] productCdf;
    private final double[] countryCdf = cdf(COUNTRY_WEIGHT);

    Catalog(int products, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        productId = new String[products];
        productCategory = new int[products];
        productPrice = new double[products];
        double[] categoryCdf = cdf(CATEGORY_WEIGHT);
        double[] popularity = new double[products];
        for (int i = 0; i < products; i++) {
            productId[i] = String.format("P%05d", i);
            int c = pick(categoryCdf, r.nextDouble());
            productCategory[i] = c;
            double lo = PRICE_RANGE[c][0];
            double hi = PRICE_RANGE[c][1];
            // Prices cluster at the low end of a range, as they do in shops.
            productPrice[i] = Math.round((lo + (hi - lo) * Math.pow(r.nextDouble(), 2.2)) * 100) / 100.0;
            popularity[i] = 1.0 / Math.pow(i + 1, 1.1);
        }
        productCdf = cdf(popularity);
    }

    int product(SplittableRandom r) {
        return pick(productCdf, r.nextDouble());
    }

    String country(SplittableRandom r) {
        return COUNTRIES[pick(countryCdf, r.nextDouble())];
    }

    static int pick(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    static double[] cdf(double[] weights) {
        double total = Arrays.stream(weights).sum();
        double[] out = new double[weights.length];
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i] / total;
            out[i] = acc;
        }
        out[out.length - 1] = 1.0;
        return out;
    }
}
