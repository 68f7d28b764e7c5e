package io.tally.billing.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EAR must deploy on a server without MicroProfile Metrics (WildFly 38): nothing CDI discovers
 * or the business code loads may name that API, and its absence is seen as absence.
 */
class MetricsBindingTest {

  private static final String MP_METRICS = "org.eclipse.microprofile.metrics";

  @Test
  void findsTheApiWhereItIs() {
    assertTrue(MetricsBinding.available(getClass().getClassLoader()));
  }

  @Test
  void findsNoApiWhereTheServerHasNone() {
    ClassLoader withoutMetrics =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(MP_METRICS)) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };

    assertFalse(MetricsBinding.available(withoutMetrics));
  }

  @Test
  void theBindingAndWhatCallersSeeNameNoMetricsType() {
    for (Class<?> type : List.of(MetricsBinding.class, BusinessMetrics.class, NoMetrics.class)) {
      assertEquals(List.of(), metricsTypesIn(type), type.getName());
    }
  }

  @Test
  void theMicroProfileBindingIsNoBean() {
    // No bean-defining annotation: discovery mode "annotated" never loads it, so WildFly never
    // reads its references to the missing API.
    assertEquals(0, MicroProfileMetrics.class.getAnnotations().length);
  }

  private static List<String> metricsTypesIn(Class<?> type) {
    List<String> found = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      check(field.getGenericType().getTypeName(), field.getName(), found);
    }
    for (Method method : type.getDeclaredMethods()) {
      check(method.getGenericReturnType().getTypeName(), method.getName(), found);
      for (Parameter parameter : method.getParameters()) {
        check(parameter.getParameterizedType().getTypeName(), method.getName(), found);
      }
    }
    return found;
  }

  private static void check(String typeName, String member, List<String> found) {
    if (typeName.contains(MP_METRICS)) {
      found.add(member + ": " + typeName);
    }
  }
}
