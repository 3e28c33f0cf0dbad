package dev.ballast.testkit.internal.sim;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources of one type (models, endpoint configs, endpoints, inference components) by name:
 * SageMaker names collide case-insensitively, so the key is the lower-cased name, which is also the
 * name an ARN carries. Resources list in the order they were created. Only used under the world
 * lock.
 *
 * @param <T> the resource
 */
public final class Registry<T> {

    private final Map<String, T> byKey = new LinkedHashMap<>();

    /** @return the resource of that name (any case), or null; null for a null name */
    public T get(String name) {
        return name == null ? null : byKey.get(Arns.lower(name));
    }

    /** @return whether a resource of that name (any case) exists */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * @param arnName a name as an ARN of this world writes it
     * @return whether a resource has exactly that ARN name: ARNs carry the lower-cased name, so a
     *     name written in another case finds nothing
     */
    public boolean hasArnName(String arnName) {
        return byKey.containsKey(arnName);
    }

    /** Adds a resource under its name. */
    public void put(String name, T resource) {
        byKey.put(Arns.lower(name), resource);
    }

    /** Removes the resource of that name (any case), if any. */
    public void remove(String name) {
        byKey.remove(Arns.lower(name));
    }

    /** @return the resources in the order they were created (a live view: copy before changing the registry) */
    public Collection<T> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    /** @return a snapshot of the resources, for loops that may change the registry */
    public List<T> snapshot() {
        return List.copyOf(byKey.values());
    }
}
