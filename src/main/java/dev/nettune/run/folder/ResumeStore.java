package dev.nettune.run.folder;

import org.openjdk.jmh.results.RunResult;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A ResumeStore keeps each finished fork's JMH result under {@code <runDir>/.resume/<seq>.ser}
 * (Java serialization: JMH's results are Serializable, and the merged JSON can only be rebuilt from
 * JMH's objects, not from its own output). A resumed run reads them back; a completed run deletes
 * the folder. Reading accepts only JMH's and the JDK's classes: these files come from disk.
 */
public final class ResumeStore {
    public static final String DIR = ".resume";

    /** What deserialization may create: JMH results and the JDK types inside them. */
    private static final ObjectInputFilter FILTER =
            ObjectInputFilter.Config.createFilter("maxdepth=64;org.openjdk.jmh.**;java.**;!*");

    private final Path dir;

    public ResumeStore(Path runDir) {
        this.dir = runDir.resolve(DIR);
    }

    public Path dir() {
        return dir;
    }

    public Path file(int seq) {
        return dir.resolve(seq + ".ser");
    }

    /** Stores the fork's result, atomically and on disk before returning. */
    public void write(int seq, RunResult result) throws IOException {
        Files.createDirectories(dir);
        Path file = file(seq);
        Path tmp = dir.resolve(seq + ".ser.tmp");
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
            ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(fos));
            out.writeObject(result);
            out.flush();
            fos.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The result stored for fork {@code seq}; an IOException naming the file when it cannot be read. */
    public RunResult read(int seq) throws IOException {
        Path file = file(seq);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             ObjectInputStream ois = new ObjectInputStream(in)) {
            ois.setObjectInputFilter(FILTER);
            Object o = ois.readObject();
            if (!(o instanceof RunResult)) {
                throw new IOException(file + ": holds a " + o.getClass().getName() + ", not a JMH RunResult");
            }
            return (RunResult) o;
        } catch (ClassNotFoundException | RuntimeException e) {
            throw new IOException(file + ": " + e, e);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the folder: the run is complete and its merged JSON final. */
    public void delete() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
