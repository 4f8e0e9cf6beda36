package io.workbench.ext.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GetStructField;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.types.StringType;

/**
 * Finds the result columns that identify a row of a streaming aggregation in update mode. In update mode Spark
 * emits, per micro-batch, the rows of the groups it changed; a view that keeps rows by the wrong columns merges
 * groups or keeps stale rows. So a key is only accepted when every grouping expression of the aggregation reaches
 * the result through projections as itself (possibly renamed or cast to a string) or, for a time window, as its
 * start or end (a window of fixed duration is identified by either bound). Anything else between the aggregation
 * and the result (a filter, which can hide a group that changed; a sort; a join) or a grouping key that is
 * dropped or transformed means the rows cannot be keyed.
 */
final class ResultKeys {
    /** Spark marks the column {@code window(...)} makes with this metadata key ({@code TimeWindow.marker}). */
    private static final String TIME_WINDOW = "spark.timeWindow";
    private static final String SESSION_WINDOW = "spark.sessionWindow";

    /** A column that carries grouping expression {@code group}: whole, or a bound of a time window. */
    private record KeyRef(int group, boolean whole, boolean timeWindow) {
    }

    private ResultKeys() {
    }

    /** The result column indices that key the rows, or null when the rows cannot be keyed. */
    static int[] trace(LogicalPlan root) {
        List<LogicalPlan> above = new ArrayList<>();
        LogicalPlan p = root;
        while (!(p instanceof Aggregate)) {
            if (!(p instanceof Project || p instanceof SubqueryAlias)) {
                return null;
            }
            above.add(p);
            p = QueryPlan.children(p).get(0);
        }
        Aggregate agg = (Aggregate) p;
        if (!agg.child().isStreaming()) {
            return null;
        }
        List<Expression> groups = QueryPlan.list(agg.groupingExpressions());
        if (groups.isEmpty()) {
            return null;
        }
        Map<Long, KeyRef> refs = new HashMap<>();
        for (NamedExpression out : QueryPlan.list(agg.aggregateExpressions())) {
            Expression e = out instanceof Alias a ? a.child() : (Expression) out;
            for (int i = 0; i < groups.size(); i++) {
                if (e.semanticEquals(groups.get(i))) {
                    if (hasMarker(groups.get(i), SESSION_WINDOW)) {
                        return null;
                    }
                    refs.put(out.exprId().id(), new KeyRef(i, true, hasMarker(groups.get(i), TIME_WINDOW)));
                    break;
                }
            }
        }
        for (int i = above.size() - 1; i >= 0; i--) {
            if (above.get(i) instanceof Project proj) {
                Map<Long, KeyRef> next = new HashMap<>();
                for (NamedExpression n : QueryPlan.list(proj.projectList())) {
                    KeyRef r = derive(n, refs);
                    if (r != null) {
                        next.put(n.exprId().id(), r);
                    }
                }
                refs = next;
            }
        }
        List<Integer> key = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        List<Attribute> output = QueryPlan.list(root.output());
        for (int j = 0; j < output.size(); j++) {
            KeyRef r = refs.get(output.get(j).exprId().id());
            if (r != null) {
                key.add(j);
                covered.add(r.group());
            }
        }
        if (covered.size() != groups.size()) {
            return null;
        }
        return key.stream().mapToInt(Integer::intValue).toArray();
    }

    private static KeyRef derive(NamedExpression n, Map<Long, KeyRef> refs) {
        if (n instanceof Attribute a) {
            return refs.get(a.exprId().id());
        }
        if (!(n instanceof Alias alias)) {
            return null;
        }
        Expression e = alias.child();
        if (e instanceof Attribute a) {
            return refs.get(a.exprId().id());
        }
        if (e instanceof Cast c && c.dataType() instanceof StringType && c.child() instanceof Attribute a) {
            KeyRef r = refs.get(a.exprId().id());
            return r != null && r.whole() ? new KeyRef(r.group(), false, false) : null;
        }
        if (e instanceof GetStructField f && f.child() instanceof Attribute a) {
            KeyRef r = refs.get(a.exprId().id());
            String field = f.extractFieldName();
            if (r != null && r.whole() && r.timeWindow() && (field.equals("start") || field.equals("end"))) {
                return new KeyRef(r.group(), false, false);
            }
        }
        return null;
    }

    private static boolean hasMarker(Expression e, String marker) {
        return e instanceof Attribute a && a.metadata().contains(marker);
    }
}
