package io.workbench.ext.cluster;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Finds the code of ours that Spark would run on executors and that reads a static field the driver set: on a
 * cluster, executors are other JVMs, where that field still has its default ({@code 0}, {@code null}), so the
 * function would compute a silently wrong result.
 *
 * <p>A JShell variable is such a field (a static field of the snippet's wrapper class, set by the snippet when it
 * runs on the driver), and so is a top-level variable of an exported job (a static field of the job class, set by
 * {@code main}). The check starts from one method that is about to run on the driver (a snippet's {@code do_it$},
 * a job's {@code main}) and follows, through the classes {@code classBytes} knows (ours: snippets or the job),
 * every method it calls and every lambda it creates. Code runs on executors when it is reached from a
 * <em>serializable</em> lambda (javac marks those with {@code LambdaMetafactory.altMetafactory} and
 * {@code FLAG_SERIALIZABLE}, as every Spark function interface is {@link Serializable}) or from a method of one of
 * our serializable classes that the code instantiates (an anonymous {@code MapFunction}, a
 * {@code FlatMapGroupsWithStateFunction} class). Lambdas for {@code foreachBatch} ({@code VoidFunction2}) run on
 * the driver and are followed as driver code.
 *
 * <p>A read is reported when it is a {@code GETSTATIC} of a field of one of our classes that is neither
 * {@code final} nor set only in its class's static initializer (which executors run too). What library code does is
 * not followed. Bean classes used through {@code Encoders.bean} and not serializable are not entry points: their
 * getters would have to read a cell variable to be caught.
 *
 * <p>Not thread-safe; cheap enough to build per check (it reads each class once). Classes are named as in the
 * JVM's internal form ({@code REPL/$JShell$12}).
 */
public final class ClosureCheck {
    /** Functional interfaces whose lambdas Spark calls on the driver: {@code DataStreamWriter.foreachBatch}. */
    private static final Set<String> DRIVER_FUNCTIONS = Set.of("org/apache/spark/api/java/function/VoidFunction2");

    /**
     * A read of driver state in executor code.
     *
     * @param owner      the class whose static field is read (internal name)
     * @param field      the field's name: for a snippet wrapper, the JShell variable's name
     * @param readerClass the class of the method that reads it (internal name)
     * @param readerMethod that method's name ({@code lambda$do_it$$0} for a lambda in a cell)
     * @param line       the line of the read in the reader's source, or -1 when the class has no line numbers
     * @param fieldType  the field's type descriptor ({@code I}, {@code Ljava/lang/String;})
     * @param ownerSource the owner's source file attribute (JShell names a snippet's {@code #12}), or null
     * @param readerSource the reader's source file attribute, or null
     */
    public record DriverRead(String owner, String field, String readerClass, String readerMethod, int line,
                             String fieldType, String ownerSource, String readerSource) {
        /** What executors see instead of the driver's value: {@code 0}, {@code false} or {@code null}. */
        public String executorValue() {
            return switch (fieldType) {
                case "Z" -> "false";
                case "B", "S", "I", "J", "F", "D", "C" -> "0";
                default -> "null";
            };
        }

        /** The field's type as Java source names it ({@code int}, {@code java.util.Map}). */
        public String typeName() {
            return Type.getType(fieldType).getClassName();
        }
    }

    private record MethodRef(String owner, String name, String desc) {
    }

    private final Function<String, byte[]> classBytes;
    private final ClassLoader loader;
    private final Map<String, Optional<ClassNode>> classes = new HashMap<>();

    /**
     * @param classBytes the bytes of one of our classes by internal name, or null for any other class (libraries,
     *                   the JDK): only our classes are followed
     * @param loader     loads other classes, to tell whether an interface or superclass of ours is serializable
     */
    public ClosureCheck(Function<String, byte[]> classBytes, ClassLoader loader) {
        this.classBytes = classBytes;
        this.loader = loader;
    }

    /**
     * The reads of driver-set static fields by executor code reachable from {@code method} of {@code owner} (every
     * method of that name, whatever its descriptor), in the order found, each site once.
     */
    public List<DriverRead> check(String owner, String method) {
        Set<DriverRead> found = new LinkedHashSet<>();
        Deque<Object[]> work = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        node(owner).ifPresent(c -> c.methods.stream().filter(m -> m.name.equals(method))
                .forEach(m -> work.add(new Object[] {new MethodRef(owner, m.name, m.desc), false})));
        while (!work.isEmpty()) {
            Object[] item = work.poll();
            MethodRef ref = (MethodRef) item[0];
            boolean executor = (Boolean) item[1];
            if (!seen.add(ref + "@" + executor)) {
                continue;
            }
            MethodNode m = method(ref);
            if (m == null) {
                continue;
            }
            int line = -1;
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof LineNumberNode ln) {
                    line = ln.line;
                } else if (insn instanceof FieldInsnNode f && f.getOpcode() == Opcodes.GETSTATIC) {
                    if (executor && driverSet(f.owner, f.name)) {
                        found.add(new DriverRead(f.owner, f.name, ref.owner(), ref.name(), line, f.desc,
                                node(f.owner).map(c -> c.sourceFile).orElse(null),
                                node(ref.owner()).map(c -> c.sourceFile).orElse(null)));
                    }
                } else if (insn instanceof MethodInsnNode call) {
                    if (ours(call.owner)) {
                        work.add(new Object[] {new MethodRef(call.owner, call.name, call.desc), executor});
                    }
                } else if (insn instanceof InvokeDynamicInsnNode indy) {
                    lambda(indy, executor, work);
                } else if (insn instanceof TypeInsnNode t && t.getOpcode() == Opcodes.NEW && ours(t.desc)) {
                    // Its constructor runs here; the rest of a serializable class runs wherever Spark ships it.
                    boolean shipped = executor || serializable(t.desc);
                    node(t.desc).ifPresent(c -> c.methods.forEach(cm -> work.add(new Object[] {
                            new MethodRef(t.desc, cm.name, cm.desc), cm.name.equals("<init>") ? executor : shipped})));
                }
            }
        }
        return new ArrayList<>(found);
    }

    private void lambda(InvokeDynamicInsnNode indy, boolean executor, Deque<Object[]> work) {
        if (!indy.bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory") || indy.bsmArgs.length < 3
                || !(indy.bsmArgs[1] instanceof Handle impl) || !ours(impl.getOwner())) {
            return;
        }
        boolean serializable = indy.bsm.getName().equals("altMetafactory") && indy.bsmArgs.length > 3
                && indy.bsmArgs[3] instanceof Integer flags && (flags & 1) != 0; // LambdaMetafactory.FLAG_SERIALIZABLE
        String function = Type.getReturnType(indy.desc).getInternalName();
        boolean onExecutor = executor || (serializable && !DRIVER_FUNCTIONS.contains(function));
        work.add(new Object[] {new MethodRef(impl.getOwner(), impl.getName(), impl.getDesc()), onExecutor});
    }

    /** Whether executors would see a different value: a static field of ours, not final, set outside its {@code <clinit>}. */
    private boolean driverSet(String owner, String name) {
        Optional<ClassNode> c = node(owner);
        if (c.isEmpty()) {
            return false;
        }
        FieldNode field = c.get().fields.stream().filter(f -> f.name.equals(name)).findFirst().orElse(null);
        if (field == null || (field.access & Opcodes.ACC_STATIC) == 0 || (field.access & Opcodes.ACC_FINAL) != 0) {
            return false;
        }
        boolean setInInitializer = false;
        for (MethodNode m : c.get().methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof FieldInsnNode f && f.getOpcode() == Opcodes.PUTSTATIC && f.owner.equals(owner)
                        && f.name.equals(name)) {
                    if (!m.name.equals("<clinit>")) {
                        return true;
                    }
                    setInInitializer = true;
                }
            }
        }
        // Never set in its class at all: set from elsewhere (another snippet, reflection), so on the driver only.
        return !setInInitializer;
    }

    private boolean serializable(String internalName) {
        Optional<ClassNode> c = node(internalName);
        if (c.isEmpty()) {
            try {
                return Serializable.class.isAssignableFrom(Class.forName(internalName.replace('/', '.'), false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        if (c.get().interfaces.stream().anyMatch(this::serializable)) {
            return true;
        }
        return c.get().superName != null && !c.get().superName.equals("java/lang/Object") && serializable(c.get().superName);
    }

    private MethodNode method(MethodRef ref) {
        String owner = ref.owner();
        while (owner != null) {
            Optional<ClassNode> c = node(owner);
            if (c.isEmpty()) {
                return null;
            }
            for (MethodNode m : c.get().methods) {
                if (m.name.equals(ref.name()) && m.desc.equals(ref.desc())) {
                    return m;
                }
            }
            owner = c.get().superName;
        }
        return null;
    }

    private boolean ours(String internalName) {
        return node(internalName).isPresent();
    }

    private Optional<ClassNode> node(String internalName) {
        return classes.computeIfAbsent(internalName, n -> {
            byte[] bytes = classBytes.apply(n);
            if (bytes == null) {
                return Optional.empty();
            }
            ClassNode c = new ClassNode();
            new ClassReader(bytes).accept(c, ClassReader.SKIP_FRAMES);
            return Optional.of(c);
        });
    }
}
