package io.bugbridge.web;

import io.bugbridge.ticket.Labels;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters such as {@code status=In Progress} use the same labels as JSON bodies, not Java
 * constant names.
 */
@Configuration(proxyBeanMethods = false)
class LabelledEnumConverters implements WebMvcConfigurer {

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverterFactory(new StringToLabelledEnum());
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static final class StringToLabelledEnum implements ConverterFactory<String, Enum> {

		@Override
		public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
			return source -> source.isBlank() ? null : (T) Labels.parse((Class) targetType, source);
		}

	}

}
