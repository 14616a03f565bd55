package dev.nettune.run.plan;


import java.lang.reflect.Field;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A ParamRule is what one {@code @Param} of a benchmark class accepts, so that a value given with
 * {@code -p} (or in a profile file) is refused before a run instead of failing every point of it.
 *
 * <p>The rule, from the field's Java type (read by reflection; inferred from the declared values
 * when the class cannot be loaded):
 * <ul>
 *   <li>{@code int}, {@code long}, {@code short}, {@code byte} (boxed too): a whole number of that
 *       type, as JMH injects it; negative only if a declared value is negative (every numeric
 *       {@code @Param} of nettune is a size, a count or a percentage). Finer ranges (e.g.
 *       connections ≥ 1) stay with the benchmark's own setup check, which names the parameter.</li>
 *   <li>{@code double}, {@code float}: a finite number. {@code boolean}: {@code true} or {@code false}
 *       (JMH itself would read any other word as false). {@code char}: one character.</li>
 *   <li>an enum, or a {@code String} whose declared values are all constant names
 *       ({@code STREAM_PER_PART}, {@code TCP}) or {@code true}/{@code false}: one of the declared
 *       values. nettune's String parameters all name enum constants (or a strict boolean), and each
 *       class declares the full set it documents and handles; a constant outside the list (e.g.
 *       server VIRTUAL in ConnectionReuseBenchmark, client SELECTOR in OpenLoopLatencyBenchmark) is one
 *       the class rejects or never documented.</li>
 *   <li>a String named {@code placement}: a server placement
 *       ({@link dev.nettune.placement.Placement#parse}: inprocess, process, netns[:rate=R][:delay=D],
 *       remote=HOST:PORT).</li>
 *   <li>any other String: accepted as is.</li>
 * </ul>
 *
 * @param owner    simple name of the class declaring the benchmark, for messages
 * @param param    the parameter name
 * @param kind     what the field accepts
 * @param type     the field's type name as read or inferred ("int", "String"), for messages
 * @param declared the values the {@code @Param} annotation lists
 */
public record ParamRule(String owner, String param, Kind kind, String type, List<String> declared) {

    /** What kind of value a parameter takes. */
    public enum Kind { INTEGER, DECIMAL, BOOLEAN, CHAR, CLOSED, PLACEMENT, TEXT }

    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*|true|false");

    public ParamRule {
        declared = List.copyOf(declared);
    }

    /** The rule of {@code param} of {@code className}, from its field's type when the class loads. */
    public static ParamRule of(String className, String param, List<String> declared, ClassLoader loader) {
        String owner = className.substring(className.lastIndexOf('.') + 1);
        Class<?> type = fieldType(className, param, loader);
        if (type == null) {
            return inferred(owner, param, declared);
        }
        Class<?> t = unbox(type);
        String name = type.getSimpleName();
        if (t == int.class || t == long.class || t == short.class || t == byte.class) {
            return new ParamRule(owner, param, Kind.INTEGER, t.getName(), declared);
        }
        if (t == double.class || t == float.class) {
            return new ParamRule(owner, param, Kind.DECIMAL, t.getName(), declared);
        }
        if (t == boolean.class) {
            return new ParamRule(owner, param, Kind.BOOLEAN, t.getName(), declared);
        }
        if (t == char.class) {
            return new ParamRule(owner, param, Kind.CHAR, t.getName(), declared);
        }
        if (type == String.class && param.equals(Plan.PLACEMENT_PARAM)) {
            return new ParamRule(owner, param, Kind.PLACEMENT, name, declared);
        }
        if (type.isEnum() || (type == String.class && !declared.isEmpty() && declared.stream().allMatch(v -> CONSTANT.matcher(v).matches()))) {
            return new ParamRule(owner, param, Kind.CLOSED, name, declared);
        }
        return new ParamRule(owner, param, Kind.TEXT, name, declared);
    }

    /** The rule when the field cannot be read: whole numbers if every declared value is one, constants if all are. */
    static ParamRule inferred(String owner, String param, List<String> declared) {
        if (param.equals(Plan.PLACEMENT_PARAM)) {
            return new ParamRule(owner, param, Kind.PLACEMENT, "String", declared);
        }
        if (!declared.isEmpty() && declared.stream().allMatch(ParamRule::isLong)) {
            return new ParamRule(owner, param, Kind.INTEGER, "long", declared);
        }
        if (!declared.isEmpty() && declared.stream().allMatch(v -> CONSTANT.matcher(v).matches())) {
            return new ParamRule(owner, param, Kind.CLOSED, "String", declared);
        }
        return new ParamRule(owner, param, Kind.TEXT, "String", declared);
    }

    /** Why {@code value} is refused, or null when the parameter accepts it. */
    public String refusal(String value) {
        switch (kind) {
            case INTEGER:
                try {
                    long v = parseWhole(value);
                    if (v < 0 && declared.stream().noneMatch(d -> d.startsWith("-"))) {
                        return owner + "." + param + " takes no negative value (none is declared); not '" + value + "'";
                    }
                    return null;
                } catch (NumberFormatException e) {
                    return owner + "." + param + " is " + article(type) + " " + type + "; '" + value + "' is not a whole number of that type";
                }
            case DECIMAL:
                try {
                    double d = Double.parseDouble(value);
                    return Double.isFinite(d) ? null : owner + "." + param + " needs a finite number, not '" + value + "'";
                } catch (NumberFormatException e) {
                    return owner + "." + param + " is a " + type + "; '" + value + "' is not a number";
                }
            case BOOLEAN:
                return value.equals("true") || value.equals("false") ? null
                        : owner + "." + param + " is a boolean; '" + value + "' is not true or false";
            case CHAR:
                return value.length() == 1 ? null : owner + "." + param + " is a char; '" + value + "' is not one character";
            case CLOSED:
                return declared.contains(value) ? null
                        : owner + "." + param + " accepts " + String.join(", ", declared) + "; not '" + value + "'";
            case PLACEMENT:
                try {
                    dev.nettune.placement.Placement.parse(value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return owner + "." + param + ": " + e.getMessage();
                }
            default:
                return null;
        }
    }

    private long parseWhole(String value) {
        switch (type) {
            case "int":
                return Integer.parseInt(value);
            case "short":
                return Short.parseShort(value);
            case "byte":
                return Byte.parseByte(value);
            default:
                return Long.parseLong(value);
        }
    }

    private static String article(String word) {
        return "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    private static boolean isLong(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false; // not a whole number: the declared values are not all integers
        }
    }

    /** The type of the field {@code param} in the class or its superclasses, or null when it cannot be read. */
    private static Class<?> fieldType(String className, String param, ClassLoader loader) {
        try {
            for (Class<?> c = Class.forName(className, false, loader); c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(param)) {
                        return f.getType();
                    }
                }
            }
            return null; // declared on a @State argument of the method, not in the class hierarchy: infer
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not loadable here (e.g. a test's made-up benchmark list): infer from the values
        }
    }

    private static Class<?> unbox(Class<?> c) {
        switch (c.getName()) {
            case "java.lang.Integer":
                return int.class;
            case "java.lang.Long":
                return long.class;
            case "java.lang.Short":
                return short.class;
            case "java.lang.Byte":
                return byte.class;
            case "java.lang.Double":
                return double.class;
            case "java.lang.Float":
                return float.class;
            case "java.lang.Boolean":
                return boolean.class;
            case "java.lang.Character":
                return char.class;
            default:
                return c;
        }
    }
}
