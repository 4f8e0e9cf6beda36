package io.workbench.ext.jjava;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The classes, methods and fields that one class file names in its constant pool: what the JVM links when the
 * class runs. Only the constant pool is read (JVMS 4.4), so no bytecode library is needed.
 */
final class ClassFileRefs {
    /** A symbolic reference; {@code name} and {@code descriptor} are null for a class. */
    record Ref(Kind kind, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return switch (kind) {
                case CLASS -> owner;
                case FIELD -> owner + "." + name + ":" + descriptor;
                default -> owner + "." + name + descriptor;
            };
        }
    }

    enum Kind { CLASS, FIELD, METHOD, INTERFACE_METHOD }

    private ClassFileRefs() {
    }

    static Set<Ref> read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            tags[i] = in.readUnsignedByte();
            switch (tags[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // a long or double takes two entries
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tags[i] + " at " + i);
            }
        }
        Set<Ref> refs = new HashSet<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7 -> refs.add(new Ref(Kind.CLASS, utf8[first[i]], null, null));
                case 9, 10, 11 -> {
                    Kind kind = tags[i] == 9 ? Kind.FIELD : tags[i] == 10 ? Kind.METHOD : Kind.INTERFACE_METHOD;
                    int nameAndType = second[i];
                    refs.add(new Ref(kind, utf8[first[first[i]]], utf8[first[nameAndType]], utf8[second[nameAndType]]));
                }
                default -> {
                }
            }
        }
        return refs;
    }
}
