package io.workbench.events;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Generates realistic e-commerce traffic: many concurrent sessions, each a walk through the funnel
 * (login, views of popular and long-tail products, searches, clicks, cart adds, purchases) with amounts that
 * depend on the category. The same seed gives the same events; event time comes from {@code clock}.
 * Not thread-safe: one generator per producing thread.
 */
public final class EventGenerator {
    private static final String[] REFERRERS = {"search", "social", "email", "ads", "direct"};
    private static final double[] REFERRER_CDF = Catalog.cdf(new double[] {0.35, 0.2, 0.1, 0.15, 0.2});
    private static final double[] QUANTITY_CDF = Catalog.cdf(new double[] {0.7, 0.2, 0.07, 0.03});

    private final SplittableRandom random;
    private final Catalog catalog;
    private final LongSupplier clock;
    private final int users;
    private final String[] userCountry;
    private final int[] userDevice;
    private final Session[] sessions;
    private long sessionCounter;
    private final Event event = new Event();

    /** A session's position in the funnel. */
    private static final class Session {
        int user;
        String id;
        int device;
        String referrer;
        int state;
        int product = -1;
        int cartProduct = -1;
        int cartQuantity;
    }

    public EventGenerator(long seed, LongSupplier clock) {
        this(seed, clock, 50_000, 1_000, 2_000);
    }

    public EventGenerator(long seed, LongSupplier clock, int users, int concurrentSessions, int products) {
        this.random = new SplittableRandom(seed);
        this.catalog = new Catalog(products, seed);
        this.clock = clock;
        this.users = users;
        this.userCountry = new String[users];
        this.userDevice = new int[users];
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        for (int u = 0; u < users; u++) {
            userCountry[u] = catalog.country(r);
            double d = r.nextDouble();
            userDevice[u] = d < 0.45 ? 0 : d < 0.92 ? 1 : 2;
        }
        this.sessions = new Session[concurrentSessions];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = newSession();
        }
    }

    /** The next event; the returned object is reused by the next call. */
    public Event next() {
        int slot = random.nextInt(sessions.length);
        Session s = sessions[slot];
        Event e = event;
        e.eventId = uuid();
        e.userId = userId(s.user);
        e.sessionId = s.id;
        e.timestamp = clock.getAsLong();
        e.device = s.device;
        e.location = userCountry[s.user];
        e.referrer = s.referrer;
        e.productId = null;
        e.productCategory = null;
        e.amount = null;
        e.quantity = null;
        e.searchQuery = null;
        e.type = s.state;
        switch (s.state) {
            case Event.LOGIN -> s.state = Event.VIEW;
            case Event.SEARCH -> {
                e.searchQuery = Catalog.SEARCHES[random.nextInt(Catalog.SEARCHES.length)];
                s.state = random.nextDouble() < 0.85 ? Event.VIEW : -1;
            }
            case Event.VIEW -> {
                s.product = catalog.product(random);
                product(e, s.product);
                double u = random.nextDouble();
                s.state = u < 0.35 ? Event.CLICK : u < 0.75 ? Event.VIEW : u < 0.87 ? Event.SEARCH : -1;
            }
            case Event.CLICK -> {
                product(e, s.product);
                double u = random.nextDouble();
                s.state = u < 0.3 ? Event.CART : u < 0.85 ? Event.VIEW : -1;
            }
            case Event.CART -> {
                s.cartProduct = s.product;
                s.cartQuantity = 1 + Catalog.pick(QUANTITY_CDF, random.nextDouble());
                priced(e, s.cartProduct, s.cartQuantity);
                double u = random.nextDouble();
                s.state = u < 0.45 ? Event.PURCHASE : u < 0.85 ? Event.VIEW : -1;
            }
            case Event.PURCHASE -> {
                priced(e, s.cartProduct, s.cartQuantity);
                s.cartProduct = -1;
                s.state = random.nextDouble() < 0.3 ? Event.VIEW : -1;
            }
            default -> throw new IllegalStateException("session state " + s.state);
        }
        if (s.state < 0) {
            sessions[slot] = newSession();
        }
        return e;
    }

    private void product(Event e, int p) {
        e.productId = catalog.productId[p];
        e.productCategory = Catalog.CATEGORIES[catalog.productCategory[p]];
    }

    private void priced(Event e, int p, int quantity) {
        product(e, p);
        e.quantity = quantity;
        e.amount = Math.round(catalog.productPrice[p] * quantity * 100) / 100.0;
    }

    private Session newSession() {
        Session s = new Session();
        // A few heavy users come back far more often than most.
        s.user = (int) Math.min(users - 1, Math.floor(users * Math.pow(random.nextDouble(), 1.6)));
        s.id = "S" + Long.toHexString(++sessionCounter) + "-" + Integer.toHexString(random.nextInt(1 << 20));
        s.device = random.nextDouble() < 0.85 ? userDevice[s.user] : random.nextInt(3);
        s.referrer = REFERRERS[Catalog.pick(REFERRER_CDF, random.nextDouble())];
        s.state = random.nextDouble() < 0.4 ? Event.LOGIN : random.nextDouble() < 0.2 ? Event.SEARCH : Event.VIEW;
        return s;
    }

    private static String userId(int u) {
        return "U" + u;
    }

    private String uuid() {
        long hi = random.nextLong();
        long lo = random.nextLong();
        char[] c = new char[32];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (hi & 0xf)];
            hi >>>= 4;
            c[16 + i] = HEX[(int) (lo & 0xf)];
            lo >>>= 4;
        }
        return new String(c);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
