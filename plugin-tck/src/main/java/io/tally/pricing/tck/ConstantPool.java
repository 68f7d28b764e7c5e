package io.tally.pricing.tck;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes and members one class file refers to, read from its constant pool (JVMS §4.4). That
 * is every class it names and every method or field it calls or reads, which is all the kit needs
 * to see that a plugin reaches for the clock or the disk; no bytecode library required.
 */
final class ConstantPool {

  private static final int UTF8 = 1;
  private static final int CLASS = 7;
  private static final int FIELD = 9;
  private static final int METHOD = 10;
  private static final int INTERFACE_METHOD = 11;
  private static final int NAME_AND_TYPE = 12;

  /** Internal class names ({@code java/time/Clock}); array types give their element class. */
  final Set<String> classes = new LinkedHashSet<>();

  /** Members as {@code owner.name descriptor} ({@code java/lang/System.nanoTime ()J}). */
  final Set<String> members = new LinkedHashSet<>();

  private ConstantPool() {}

  static ConstantPool read(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    int[] tags = new int[count];
    int[] first = new int[count];
    int[] second = new int[count];
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case UTF8 -> utf8[i] = in.readUTF();
        case CLASS, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // a long or a double takes two slots
        }
        case FIELD, METHOD, INTERFACE_METHOD, NAME_AND_TYPE, 17, 18 -> {
          first[i] = in.readUnsignedShort();
          second[i] = in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
    ConstantPool pool = new ConstantPool();
    for (int i = 1; i < count; i++) {
      if (tags[i] == CLASS) {
        pool.classes.add(elementClass(utf8[first[i]]));
      } else if (tags[i] == FIELD || tags[i] == METHOD || tags[i] == INTERFACE_METHOD) {
        String owner = elementClass(utf8[first[first[i]]]);
        int nameAndType = second[i];
        pool.members.add(owner + "." + utf8[first[nameAndType]] + " " + utf8[second[nameAndType]]);
      }
    }
    return pool;
  }

  /** {@code [[Ljava/lang/String;} is {@code java/lang/String}. */
  private static String elementClass(String name) {
    String element = name.replaceFirst("^\\[+", "");
    return element.startsWith("L") && element.endsWith(";")
        ? element.substring(1, element.length() - 1)
        : element;
  }

  List<String> all() {
    List<String> all = new ArrayList<>(classes);
    all.addAll(members);
    return all;
  }
}
