package io.workbench.events;

/**
 * One generated event, a mutable holder the generator reuses to avoid garbage at hundreds of thousands of
 * events per second. Copy what you keep. Nullable fields are null where the event type has no such field.
 */
public final class Event {
    public static final String[] TYPES = {"user_login", "page_view", "item_click", "search", "cart_add", "purchase"};
    public static final int LOGIN = 0;
    public static final int VIEW = 1;
    public static final int CLICK = 2;
    public static final int SEARCH = 3;
    public static final int CART = 4;
    public static final int PURCHASE = 5;
    public static final String[] DEVICES = {"desktop", "mobile", "tablet"};

    public String eventId;
    public int type;
    public String userId;
    public String sessionId;
    public long timestamp;
    public int device;
    public String location;
    public String productId;
    public String productCategory;
    public Double amount;
    public Integer quantity;
    public String searchQuery;
    public String referrer;

    public String typeName() {
        return TYPES[type];
    }

    @Override
    public String toString() {
        return typeName() + " " + eventId + " user=" + userId + " session=" + sessionId + " t=" + timestamp
                + (productId == null ? "" : " product=" + productId + "/" + productCategory)
                + (amount == null ? "" : " amount=" + amount + " x" + quantity)
                + (searchQuery == null ? "" : " q=" + searchQuery);
    }
}
