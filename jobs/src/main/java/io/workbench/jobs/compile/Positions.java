package io.workbench.jobs.compile;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;

/** Where trees of one compilation unit are in its source: character offsets and 1-based lines. */
record Positions(CompilationUnitTree unit, SourcePositions positions) {
    int start(Tree t) {
        return (int) positions.getStartPosition(unit, t);
    }

    int end(Tree t) {
        return (int) positions.getEndPosition(unit, t);
    }

    long line(int offset) {
        return unit.getLineMap().getLineNumber(offset);
    }
}
